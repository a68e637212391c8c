/**
 * What the rule tests share. Rules are pure functions of a Topology, so their
 * findings come from `checkTopology` on the Topology of a text (parsed and
 * linked once per text, without validation, and cached), not from the
 * diagnostics of the whole language pipeline. Applying a fix goes back
 * through the real parser, linker and validator: the fixed text must parse
 * and link.
 */
import { URI } from 'langium';
import { parseHelper } from 'langium/test';
import { expect } from 'vitest';
import type { Model } from '../../server/src/language/generated/ast.js';
import { buildTopology } from '../../server/src/language/topology/build-topology.js';
import type { Topology } from '../../server/src/model/topology.js';
import type { Finding, Fix } from '../../server/src/rules/rule.js';
import { checkTopology } from '../../server/src/rules/run-rules.js';
import { applyEdits } from '../apply-edits.js';
import { check, codes, services } from '../helpers.js';
import { asSystem, readRulePage } from '../rule-page.js';

const parse = parseHelper<Model>(services.Arch);
let counter = 0;

/** Topologies by the text they were built from: each fixture text is parsed once per test file. */
const topologies = new Map<string, Promise<Topology>>();

/** The Topology of the first system of `text`, parsed and linked (not validated) once and cached. */
export function topologyOf(text: string): Promise<Topology> {
    let topology = topologies.get(text);
    if (!topology) {
        topology = parse(text, { documentUri: URI.file(`/virtual/rule-test-${++counter}.arch`).toString() })
            .then(document => buildTopology(document.parseResult.value.systems[0], text));
        topologies.set(text, topology);
    }
    return topology;
}

/**
 * The findings of every rule on `source` (a text or a Topology), `@allow`
 * comments applied, at the default severities, in source order; only those
 * of `ruleId` when it is given.
 */
export async function findings(source: string | Topology, ruleId?: string): Promise<Finding[]> {
    const topology = typeof source === 'string' ? await topologyOf(source) : source;
    const all = checkTopology(topology);
    return ruleId === undefined ? all : all.filter(finding => finding.ruleId === ruleId);
}

/** The rule IDs of the findings of `source`, sorted, with repeats. */
export async function ruleIds(source: string | Topology): Promise<string[]> {
    return (await findings(source)).map(finding => finding.ruleId).sort();
}

/** The ways to fix a finding (none when the rule offers none). */
export function fixesOf(finding: Finding): Fix[] {
    return finding.fixes ?? [];
}

/** The 0-based line a finding is reported on. */
export function line(finding: Finding): number {
    return finding.range.start.line;
}

/** Checks, through the real language services, that `text` lexes, parses and links with no `syntax` or `link` error. */
export async function expectParsesAndLinks(text: string): Promise<void> {
    const { document, diagnostics } = await check(text);
    expect(document.parseResult.lexerErrors, text).toEqual([]);
    expect(document.parseResult.parserErrors, text).toEqual([]);
    expect(diagnostics.filter(d => d.code === 'syntax' || d.code === 'link'), text).toEqual([]);
}

/** Applies one fix to `text` as an editor would, and checks the result still parses and links. */
export async function applyFix(text: string, fix: Fix): Promise<string> {
    const fixed = applyEdits(text, fix.edits);
    await expectParsesAndLinks(fixed);
    return fixed;
}

/**
 * A rule's page holds the sections `sections`, states the rule's default severity, shows how to suppress
 * it both ways, and its "How to fix" before/after snippets parse, link, and fire (before) and not (after).
 */
export async function expectRulePageWithFix(id: string, defaultSeverity: string, sections: readonly string[]): Promise<void> {
    const page = readRulePage(id);
    expect(page.title).toBe(`# ${id}`);
    expect(page.severity).toBe(defaultSeverity);
    expect(page.sections).toEqual(sections);
    expect(page.text).toContain(`// @allow ${id}: `);
    expect(page.text).toContain(`"${id}": "off"`);
    const [before, after] = page.fixSnippets;
    const beforeFound = await codes(asSystem(before));
    const afterFound = await codes(asSystem(after));
    expect(beforeFound).toContain(id);
    expect(afterFound).not.toContain(id);
    for (const found of [beforeFound, afterFound]) {
        expect(found).not.toContain('syntax');
        expect(found).not.toContain('link');
    }
}
