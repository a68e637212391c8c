/** Formatting through the real services, and the meaning of a text as the Topology it builds (positions aside). */
import { URI } from 'langium';
import { parseHelper } from 'langium/test';
import type { Model } from '../../server/src/language/generated/ast.js';
import { formatDocumentText, type FormatResult } from '../../server/src/lsp/format-text.js';
import { buildTopology } from '../../server/src/language/topology/build-topology.js';
import { services } from '../helpers.js';

const parse = parseHelper<Model>(services.Arch);
let counter = 0;

export async function parseText(text: string) {
    return parse(text, { documentUri: URI.file(`/virtual/format-${++counter}.arch`).toString() });
}

/** The formatted text, or the syntax error that stops formatting. */
export async function format(text: string): Promise<FormatResult> {
    return formatDocumentText(services.Arch, await parseText(text));
}

export async function formatted(text: string): Promise<string> {
    const result = await format(text);
    if (!result.ok) throw new Error(`does not parse: ${result.line + 1}:${result.character + 1} ${result.message}`);
    return result.text;
}

/** Every system's Topology with source ranges replaced by a marker: what the text means. */
export async function meaning(text: string): Promise<unknown> {
    const document = await parseText(text);
    return document.parseResult.value.systems.map(system => withoutRanges(buildTopology(system, text)));
}

/** A source range, or a position (`bodyEnd`): where, not what. */
function isRange(value: unknown): boolean {
    if (!value || typeof value !== 'object') return false;
    const v = value as { start?: { line?: unknown }; end?: { line?: unknown }; line?: unknown; character?: unknown };
    return (typeof v.start?.line === 'number' && typeof v.end?.line === 'number') || (typeof v.line === 'number' && typeof v.character === 'number');
}

function withoutRanges(value: unknown): unknown {
    if (isRange(value)) return 'range';
    if (Array.isArray(value)) return value.map(withoutRanges);
    if (value && typeof value === 'object') {
        return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, withoutRanges(inner)]));
    }
    return value;
}
