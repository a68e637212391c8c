/**
 * What every archscope language server serves, wherever it runs: Langium's LSP services plus the
 * settings (`archscope.rules`, code lenses), the diagram (`arch/scene`, `arch/export`) and the
 * simulation panel (`arch/whatIf`, `arch/saveScenario`). The Node server (start-server.ts) and the
 * browser's (web/server-worker.ts) differ only in the transport and in where a layout or a what-if
 * is computed, which they pass in.
 */
import type { URI } from 'langium';
import { startLanguageServer, type LangiumSharedServices } from 'langium/lsp';
import { CodeLensRefreshRequest, type Connection } from 'vscode-languageserver';
import type { ArchServices } from '../arch-module.js';
import type { LayoutFunction } from '../diagram/layout-function.js';
import { SETTINGS_SECTION } from '../language/workspace/arch-configuration.js';
import { DiagramService, type PngExport } from './diagram-service.js';
import { WhatIfQueue, type ComputeWhatIf } from './what-if-queue.js';
import { WhatIfService } from './what-if-service.js';

export interface ServerHost {
    /** Lays out a diagram (elkjs is synchronous: off the thread that answers, where the host can). */
    layout: LayoutFunction;
    /** Computes a what-if. */
    computeWhatIf: ComputeWhatIf;
    png: PngExport;
}

/** Serves, and returns what a host may do beside: validate every open document again (its settings changed). */
export function serveArchscope(connection: Connection, shared: LangiumSharedServices, Arch: ArchServices, host: ServerHost): { revalidateAll(): Promise<void> } {
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

    const diagrams = new DiagramService(shared, Arch, connection, host.layout, host.png);
    new WhatIfService(shared, diagrams, new WhatIfQueue(host.computeWhatIf), connection);

    startLanguageServer(shared);
    return { revalidateAll };
}
