/** The language server: Langium's LSP services over a connection, plus archscope's settings. */
import { URI } from 'langium';
import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node.js';
import { createArchServices } from './arch-module.js';
import { SETTINGS_SECTION } from './arch-configuration.js';

/**
 * Starts the server on the transport named on the command line
 * (`--stdio`, `--node-ipc` or `--socket=N`, as vscode-languageserver reads them).
 * `docsFrom` is where to look for `docs/rules` (the folder of the running bundle).
 */
export function startServer(docsFrom: string): void {
    const connection = createConnection(ProposedFeatures.all);
    const { shared, Arch } = createArchServices({ connection, ...NodeFileSystem }, { docsFrom });
    const configuration = shared.workspace.ConfigurationProvider;

    const revalidateAll = async (): Promise<void> => {
        const uris: URI[] = shared.workspace.LangiumDocuments.all.map(document => document.uri).toArray();
        if (uris.length > 0) await shared.workspace.DocumentBuilder.update(uris, []);
    };

    // Severities come from the `archscope.rules` setting: read once ready, and again on every change.
    void configuration.ready.then(async () => {
        Arch.settings.setEditorRules(await configuration.getConfiguration('arch', 'rules'));
        await revalidateAll();
    });
    configuration.onConfigurationSectionUpdate(update => {
        if (update.section !== SETTINGS_SECTION) return;
        Arch.settings.setEditorRules((update.configuration as { rules?: unknown } | undefined)?.rules);
        void revalidateAll();
    });

    startLanguageServer(shared);
}
