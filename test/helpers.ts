/** Shared test helpers: the real language services, headless, on in-memory documents. */
import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import { parseHelper } from 'langium/test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createArchServices } from '../server/src/arch-module.js';
import { nodeModuleOptions } from '../server/src/arch-module-node.js';
import type { Model } from '../server/src/language/generated/ast.js';
import { buildTopology } from '../server/src/language/topology/build-topology.js';
import type { Topology } from '../server/src/model/topology.js';

export const services = createArchServices(EmptyFileSystem, nodeModuleOptions(process.cwd()));
const parse = parseHelper<Model>(services.Arch);

let counter = 0;

/** Parses, links and validates `text` as a fresh `.arch` document. */
export async function check(text: string): Promise<{ document: LangiumDocument<Model>; diagnostics: Diagnostic[] }> {
    const document = await parse(text, { validation: true, documentUri: URI.file(`/virtual/test-${++counter}.arch`).toString() });
    return { document, diagnostics: document.diagnostics ?? [] };
}

/** The diagnostic codes of `text`, sorted, with repeats. */
export async function codes(text: string): Promise<string[]> {
    const { diagnostics } = await check(text);
    return diagnostics.map(d => String(d.code)).sort();
}

/** The Topology of the first system of `text`. */
export async function topologyOf(text: string): Promise<Topology> {
    const { document } = await check(text);
    return buildTopology(document.parseResult.value.systems[0], text);
}

export function line(diagnostic: Diagnostic): number {
    return diagnostic.range.start.line;
}
