/**
 * elkjs, when it first runs in a worker, makes `self.onmessage` its own dispatcher: the worker's messages
 * would go to it (and its replies to the page). This returns the worker's scope after making
 * `self.onmessage` a property nobody can set; the worker's own code listens with addEventListener.
 */
export function ownMessages(scope: DedicatedWorkerGlobalScope): DedicatedWorkerGlobalScope {
    Object.defineProperty(scope, 'onmessage', { configurable: false, get: () => null, set: () => undefined });
    return scope;
}
