/**
 * The real language services, headless, as the editor and the CLI run them:
 * each check is a fresh document through parse, link, validation and the rules.
 */
import { DocumentState, EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createArchServices } from '../server/src/arch-module.js';
import { nodeModuleOptions } from '../server/src/arch-module-node.js';

const { shared } = createArchServices(EmptyFileSystem, nodeModuleOptions(process.cwd()));
let counter = 0;

/** The phases of Langium's document build, in order, each timed from the end of the one before. */
export const PHASES = [
    ['parse', DocumentState.Parsed], ['index', DocumentState.IndexedContent], ['scopes', DocumentState.ComputedScopes],
    ['link', DocumentState.Linked], ['reference index', DocumentState.IndexedReferences], ['validate (rules, estimates)', DocumentState.Validated]
] as const;
export type Phase = (typeof PHASES)[number][0];

let phaseEnds: number[] = [];
for (const [, state] of PHASES) {
    shared.workspace.DocumentBuilder.onBuildPhase(state, () => { phaseEnds.push(performance.now()); });
}

export interface CheckRun {
    ms: number;
    diagnostics: Diagnostic[];
    /** Milliseconds per phase (parse includes creating the document from its text). */
    phases: Record<Phase, number>;
}

/** Builds `text` as a new document and times it; `keep` runs with the document still open (to measure its memory). */
export async function checkOnce(text: string, keep?: (document: LangiumDocument) => void): Promise<CheckRun> {
    const uri = URI.file(`/bench/model-${++counter}.arch`);
    phaseEnds = [];
    const started = performance.now();
    const document = shared.workspace.LangiumDocumentFactory.fromString(text, uri);
    shared.workspace.LangiumDocuments.addDocument(document);
    await shared.workspace.DocumentBuilder.build([document], { validation: true });
    const ms = performance.now() - started;
    // The document is parsed before the build, whose Parsed phase then has nothing to do: the
    // parse is the time up to the end of that phase.
    const phases = Object.fromEntries(PHASES.map(([name], i) => [name, (phaseEnds[i] ?? NaN) - (i === 0 ? started : phaseEnds[i - 1])])) as Record<Phase, number>;
    keep?.(document);
    // Removed again as the editor's server removes a deleted file: from the documents and from the
    // index. (Deleting it from the documents alone left every run's AST in the index, ~28 MB each for
    // 1,000 nodes, so each run collected a bigger heap than the last, which no server or CLI run does.)
    await shared.workspace.DocumentBuilder.update([], [uri]);
    return { ms, diagnostics: document.diagnostics ?? [], phases };
}
