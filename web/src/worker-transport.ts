/**
 * The LSP transport of @codemirror/lsp-client over the language server's Web Worker: the client speaks
 * JSON text, the worker (vscode-languageserver/browser) posts message objects.
 */
import type { Transport } from '@codemirror/lsp-client';

export function workerTransport(worker: Worker): Transport {
    const handlers = new Set<(message: string) => void>();
    worker.addEventListener('message', event => {
        // The worker's own messages to the page (`archscopeLayoutRestart`, `archscopeLayoutWanted`, server-worker-start.ts) are not LSP.
        if ((event.data as { jsonrpc?: unknown } | null)?.jsonrpc !== '2.0') return;
        const text = JSON.stringify(event.data);
        for (const handler of handlers) handler(text);
    });
    return {
        send: message => worker.postMessage(JSON.parse(message)),
        subscribe: handler => void handlers.add(handler),
        unsubscribe: handler => void handlers.delete(handler)
    };
}
