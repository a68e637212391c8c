/**
 * File-watcher events and closed editors:
 *
 * - `.arch` files update as usual, except that an open document is the
 *   editor's: a file deleted on disk while it is open with unsaved text
 *   (`git checkout`, a branch switch) keeps its text, diagnostics, symbols
 *   and hover until the editor closes it. Langium would drop it at once and
 *   bring it back only with the next keystroke.
 * - Closing an editor hands the file back to the disk: a file that is gone
 *   is forgotten (and its diagnostics cleared), one that is there is read
 *   again (unsaved changes were discarded with the editor).
 * - A change to any `.archscope.json` re-validates every document, since
 *   severities come from it.
 */
import { URI, type FileSystemProvider } from 'langium';
import { DefaultDocumentUpdateHandler, type LangiumSharedServices } from 'langium/lsp';
import { FileChangeType, type DidChangeWatchedFilesParams, type TextDocumentChangeEvent } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_FILE_NAME } from '../language/workspace/rule-settings.js';

export class ArchDocumentUpdateHandler extends DefaultDocumentUpdateHandler {
    private readonly shared: LangiumSharedServices;
    private readonly fileSystem: FileSystemProvider;

    constructor(services: LangiumSharedServices) {
        super(services);
        this.shared = services;
        this.fileSystem = services.workspace.FileSystemProvider;
    }

    override didChangeWatchedFiles(params: DidChangeWatchedFilesParams): void {
        const isConfig = (uri: string): boolean => URI.parse(uri).path.endsWith(`/${CONFIG_FILE_NAME}`);
        const configChanged = params.changes.some(change => isConfig(change.uri));
        const changes = params.changes.filter(change => !isConfig(change.uri) && !(change.type === FileChangeType.Deleted && this.isOpen(change.uri)));
        super.didChangeWatchedFiles({ changes });
        if (configChanged) {
            const all = this.shared.workspace.LangiumDocuments.all.map(document => document.uri).toArray();
            if (all.length > 0) this.fireDocumentUpdate(all, []);
        }
    }

    didCloseDocument(event: TextDocumentChangeEvent<TextDocument>): void {
        const uri = URI.parse(event.document.uri);
        if (uri.scheme !== 'file') {
            this.fireDocumentUpdate([], [uri]); // an untitled buffer: it existed only in the editor
            return;
        }
        void this.fileSystem.exists(uri).then(
            exists => (exists ? this.fireDocumentUpdate([uri], []) : this.fireDocumentUpdate([], [uri])),
            () => this.fireDocumentUpdate([], [uri])
        );
    }

    private isOpen(uri: string): boolean {
        return this.shared.workspace.TextDocuments?.get(uri) !== undefined;
    }
}
