/** The language server: Langium's LSP services over a connection, plus archscope's settings. */
import { URI } from 'langium';
import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { CodeLensRefreshRequest, createConnection, ProposedFeatures } from 'vscode-languageserver/node.js';
import { createArchServices } from './arch-module.js';
import { SETTINGS_SECTION } from './arch-configuration.js';
import { DiagramService } from './diagram-service.js';
import { layoutSceneOnDemand } from '../diagram/layout-on-demand.js';
import { LayoutThread } from './layout-thread.js';

/**
 * Starts the server on the transport named on the command line
 * (`--stdio`, `--node-ipc` or `--socket=N`, as vscode-languageserver reads them).
 * `docsFrom` is where to look for `docs/rules` (the folder of the running bundle).
 */
export function startServer(docsFrom: string): void {
    const connection = createConnection(ProposedFeatures.all);
    const { shared, Arch } = createArchServices({ connection, ...NodeFileSystem }, { docsFrom });
    const configuration = shared.workspace.ConfigurationProvider;

    // Through the workspace lock, as Langium's own edits are: two builds running at once over one
    // document can validate it twice, and Langium appends a second validation's diagnostics to the first's.
    const revalidateAll = async (): Promise<void> => {
        const uris: URI[] = shared.workspace.LangiumDocuments.all.map(document => document.uri).toArray();
        if (uris.length > 0) await shared.workspace.WorkspaceLock.write(token => shared.workspace.DocumentBuilder.update(uris, [], token));
    };

    // Code lenses are asked for by the editor; after `archscope.codeLens.enabled` changes it is told to ask again.
    let canRefreshLenses = false;
    shared.lsp.LanguageServer.onInitialize(params => {
        canRefreshLenses = params.capabilities.workspace?.codeLens?.refreshSupport === true;
    });
    const refreshLenses = (): void => {
        // A refused refresh costs nothing: the editor asks again with the next edit.
        if (canRefreshLenses) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
    };

    // Severities (`archscope.rules`) and code lenses (`archscope.codeLens.enabled`): read once ready, and again on every change.
    void configuration.ready.then(async () => {
        Arch.settings.setEditorRules(await configuration.getConfiguration('arch', 'rules'));
        const lensesChanged = Arch.editorSettings.update({
            codeLens: await configuration.getConfiguration('arch', 'codeLens'),
            'codeLens.enabled': await configuration.getConfiguration('arch', 'codeLens.enabled')
        });
        if (lensesChanged) refreshLenses();
        await revalidateAll();
    });
    configuration.onConfigurationSectionUpdate(update => {
        if (update.section !== SETTINGS_SECTION) return;
        Arch.settings.setEditorRules((update.configuration as { rules?: unknown } | undefined)?.rules);
        if (Arch.editorSettings.update(update.configuration)) refreshLenses();
        void revalidateAll();
    });

    // The bundle lays out in its worker thread; run from sources (no worker bundle), in this thread.
    const layoutThread = LayoutThread.beside(docsFrom);
    new DiagramService(shared, Arch, connection, layoutThread?.layout ?? layoutSceneOnDemand);
    connection.onExit(() => layoutThread?.dispose());

    startLanguageServer(shared);
}
