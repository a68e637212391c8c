/**
 * File-watcher events: `.arch` files update as usual; a change to any
 * `.archscope.json` re-validates every document, since severities come from it.
 */
import { URI } from 'langium';
import { DefaultDocumentUpdateHandler, type LangiumSharedServices } from 'langium/lsp';
import type { DidChangeWatchedFilesParams } from 'vscode-languageserver';
import { CONFIG_FILE_NAME } from './rule-settings.js';

export class ArchDocumentUpdateHandler extends DefaultDocumentUpdateHandler {
    private readonly shared: LangiumSharedServices;

    constructor(services: LangiumSharedServices) {
        super(services);
        this.shared = services;
    }

    override didChangeWatchedFiles(params: DidChangeWatchedFilesParams): void {
        const isConfig = (uri: string): boolean => URI.parse(uri).path.endsWith(`/${CONFIG_FILE_NAME}`);
        const configChanged = params.changes.some(change => isConfig(change.uri));
        super.didChangeWatchedFiles({ changes: params.changes.filter(change => !isConfig(change.uri)) });
        if (configChanged) {
            const all = this.shared.workspace.LangiumDocuments.all.map(document => document.uri).toArray();
            if (all.length > 0) this.fireDocumentUpdate(all, []);
        }
    }
}
