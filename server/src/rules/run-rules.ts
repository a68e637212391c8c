/**
 * Runs every rule over a Topology, applies `@allow` suppressions and the
 * user's severities, and reports the suppressions that suppress nothing.
 */
import { simulateScenarios, type ScenarioEstimate } from '../estimates/scenarios.js';
import { simulate, type SimulationResult } from '../estimates/simulate.js';
import { checkAllTargets, declaresTargets, type TargetCheck } from '../estimates/targets.js';
import { buildGraph, type TopologyGraph } from '../model/graph.js';
import type { Allow, AllowTarget, Topology } from '../model/topology.js';
import { ALL_RULES, RULES_BY_ID } from './registry.js';
import type { Finding, Rule, RuleContext, SeveritySetting } from './rule.js';

/** Severity per rule ID, as in the `archscope.rules` setting and `.archscope.json`. */
export type RuleSettings = Readonly<Record<string, SeveritySetting>>;

export const UNUSED_ALLOW_ID = 'model-unused-allow';

function covers(allow: AllowTarget, target: AllowTarget): boolean {
    return allow.node === target.node && allow.block === target.block
        && (allow.table === undefined || allow.table === target.table)
        && (allow.field === undefined || (allow.table === target.table && allow.field === target.field));
}

function describe(target: AllowTarget): string {
    if (target.block === 'target') return 'the target block';
    if (target.block === 'scenario') return `scenario ${target.node}`;
    if (target.field) return `field ${target.table}.${target.field} of ${target.node}`;
    if (target.table) return `table ${target.table} of ${target.node}`;
    return target.node;
}

function checkAllow(allow: Allow, used: boolean): Finding | undefined {
    if (!allow.reason.trim()) {
        return {
            ruleId: 'syntax', severity: 'error', range: allow.range, node: allow.target?.node,
            message: `This @allow ${allow.ruleId} needs a reason after a colon: \`// @allow ${allow.ruleId}: why it is acceptable here\`.`
        };
    }
    if (used) return undefined;
    const rule = RULES_BY_ID.get(allow.ruleId);
    const message = !rule
        ? `\`${allow.ruleId}\` is not a rule ID, so this @allow suppresses nothing.`
        : !allow.target
            ? `This @allow ${allow.ruleId} does not sit directly above a node, table or field, so it suppresses nothing.`
            : `${describe(allow.target)} has no ${allow.ruleId} finding to suppress any more: remove this @allow.`;
    // The whole line goes (an editor clamps the next line's start to the end of the text at the last line).
    const line = { range: { start: { line: allow.range.start.line, character: 0 }, end: { line: allow.range.start.line + 1, character: 0 } }, newText: '' };
    return {
        ruleId: UNUSED_ALLOW_ID, severity: RULES_BY_ID.get(UNUSED_ALLOW_ID)!.defaultSeverity,
        range: allow.range, node: allow.target?.node, message,
        fixes: [{ title: `Remove this @allow ${allow.ruleId}`, edits: [line] }]
    };
}

function runRule(rule: Rule, context: RuleContext): Finding[] {
    const topology = context.topology;
    try {
        return rule.check(context).map(finding => ({
            ...finding, ruleId: rule.id, severity: finding.severity ?? rule.defaultSeverity
        }));
    } catch (error) {
        // A bug in one rule must not take the other findings (or the server) down with it.
        return [{
            ruleId: 'internal-error', severity: 'error', range: topology.nameRange,
            message: `archscope's rule ${rule.id} failed on this model (${error instanceof Error ? error.message : String(error)}); please report it.`
        }];
    }
}

function compareFindings(a: Finding, b: Finding): number {
    return a.range.start.line - b.range.start.line
        || a.range.start.character - b.range.start.character
        || a.ruleId.localeCompare(b.ruleId);
}

/** A rule context whose estimates are computed at most once, on first use. */
export function ruleContext(topology: Topology, graph: TopologyGraph = buildGraph(topology), estimates?: SimulationResult): RuleContext {
    let computed = estimates;
    let scenarios: ScenarioEstimate[] | undefined;
    let targets: TargetCheck[] | undefined;
    const context: RuleContext = {
        topology, graph,
        estimates: () => (computed ??= simulate(topology, graph)),
        scenarios: () => (scenarios ??= simulateScenarios(topology)),
        // Without a declared target no scenario needs estimating for the check.
        targets: () => (targets ??= declaresTargets(topology) ? checkAllTargets(topology, context.estimates(), context.scenarios()) : [])
    };
    return context;
}

/** All findings of one system, suppressions applied, severities as configured, in source order. */
export function checkTopology(
    topology: Topology, settings: RuleSettings = {}, rules: readonly Rule[] = ALL_RULES, context: RuleContext = ruleContext(topology)
): Finding[] {
    const raw = rules.flatMap(rule => runRule(rule, context));

    // The allows by rule ID, in source order, so each finding searches only its rule's allows (the first
    // that covers it, as a search of all allows finds) instead of every allow in the file.
    const allowsByRule = new Map<string, Allow[]>();
    for (const allow of topology.allows) {
        const list = allowsByRule.get(allow.ruleId);
        if (list) list.push(allow);
        else allowsByRule.set(allow.ruleId, [allow]);
    }
    const usedAllows = new Set<Allow>();
    const kept = raw.filter(finding => {
        const target = finding.target ?? (finding.node ? { node: finding.node } : undefined);
        if (!target) return true;
        const allow = allowsByRule.get(finding.ruleId)?.find(a => a.target && covers(a.target, target));
        if (!allow) return true;
        if (allow.reason.trim()) {
            usedAllows.add(allow);
            return false;
        }
        return true;
    });
    for (const allow of topology.allows) {
        const finding = checkAllow(allow, usedAllows.has(allow));
        if (finding) kept.push(finding);
    }

    const result: Finding[] = [];
    for (const finding of kept) {
        const setting = settings[finding.ruleId];
        if (setting === 'off') continue;
        result.push(setting ? { ...finding, severity: setting } : finding);
    }
    return result.sort(compareFindings);
}
