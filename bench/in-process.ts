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
    // Closed again, so that runs do not pile up documents in the workspace.
    shared.workspace.LangiumDocuments.deleteDocument(uri);
    return { ms, diagnostics: document.diagnostics ?? [] };
}
