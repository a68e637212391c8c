/**
 * The layout in a Web Worker of its own (layout-worker.js), beside the browser's language server: elkjs
 * starts up (about a second: compiling 1.5 MB, then a first layout) while the server starts and checks the
 * text, on the other core, instead of after them (`npm run bench -- web`). One message in
 * (`{ id, input, hash }`), one out (`{ id, result }` or `{ id, error }`), as the Node server's layout thread:
 * on the worker itself when the server started it, or on a MessagePort (`{ connect: port }`) when the page
 * started it and handed the server the other end (web/src/server-worker-start.ts says why).
 */
import type { DiagramInput } from '../diagram/diagram-input.js';
import { layoutScene, warmUpLayout } from '../diagram/layout.js';
import { ownMessages } from './own-messages.js';

declare const self: DedicatedWorkerGlobalScope;

interface Answers {
    postMessage(message: unknown): void;
}

function answer(to: Answers, { id, input, hash }: { id: number; input: DiagramInput; hash?: string }): void {
    layoutScene(input, hash).then(
        result => to.postMessage({ id, result }),
        (error: unknown) => to.postMessage({ id, error: error instanceof Error ? error.message : String(error) })
    );
}

ownMessages(self).addEventListener('message', (event: MessageEvent) => {
    const connect: unknown = event.data?.connect;
    if (connect instanceof MessagePort) {
        connect.addEventListener('message', (request: MessageEvent) => answer(connect, request.data));
        connect.start();
    } else answer(self, event.data);
});
// elkjs's own start-up, now rather than on the first request.
void warmUpLayout().catch(() => undefined);
