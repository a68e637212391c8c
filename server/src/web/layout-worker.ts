/**
 * The layout in a Web Worker of its own (layout-worker.js), beside the browser's language server: elkjs
 * starts up for about a second, which here runs while the server starts and checks the text, on the other
 * core, instead of after them (`npm run bench -- web`). One message in (`{ id, input, hash }`), one out
 * (`{ id, result }` or `{ id, error }`), as the Node server's layout thread.
 */
import type { DiagramInput } from '../diagram/diagram-input.js';
import { layoutScene, warmUpLayout } from '../diagram/layout.js';
import { ownMessages } from './own-messages.js';

declare const self: DedicatedWorkerGlobalScope;

ownMessages(self).addEventListener('message', (event: MessageEvent<{ id: number; input: DiagramInput; hash?: string }>) => {
    const { id, input, hash } = event.data;
    layoutScene(input, hash).then(
        result => self.postMessage({ id, result }),
        (error: unknown) => self.postMessage({ id, error: error instanceof Error ? error.message : String(error) })
    );
});
// elkjs's own start-up, now rather than on the first request.
void warmUpLayout().catch(() => undefined);
