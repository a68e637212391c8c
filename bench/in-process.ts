/**
 * The real language services, headless, as the editor and the CLI run them:
 * each check is a fresh document through parse, link, validation and the rules.
 */
import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createArchServices } from '../server/src/language/arch-module.js';

const { shared } = createArchServices(EmptyFileSystem, { docsFrom: process.cwd() });
let counter = 0;

export interface CheckRun {
    ms: number;
    diagnostics: Diagnostic[];
}

/** Builds `text` as a new document and times it; `keep` runs with the document still open (to measure its memory). */
export async function checkOnce(text: string, keep?: (document: LangiumDocument) => void): Promise<CheckRun> {
    const uri = URI.file(`/bench/model-${++counter}.arch`);
    const started = performance.now();
    const document = shared.workspace.LangiumDocumentFactory.fromString(text, uri);
    shared.workspace.LangiumDocuments.addDocument(document);
    await shared.workspace.DocumentBuilder.build([document], { validation: true });
    const ms = performance.now() - started;
    keep?.(document);
    // Removed again as the editor's server removes a deleted file: from the documents and from the
    // index. (Deleting it from the documents alone left every run's AST in the index, ~28 MB each for
    // 1,000 nodes, so each run collected a bigger heap than the last, which no server or CLI run does.)
    await shared.workspace.DocumentBuilder.update([], [uri]);
    return { ms, diagnostics: document.diagnostics ?? [] };
}
