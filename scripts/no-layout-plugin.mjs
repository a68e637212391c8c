// An esbuild plugin for the browser's server worker: there the layout is a Web Worker of its own
// (server/src/web/layout-worker.ts), so the layout-on-demand import (export.ts's default, never used there)
// must not pull elkjs into its bundle.
export const noLayoutInServerWorker = {
    name: 'no-layout-in-server-worker',
    setup(build) {
        build.onResolve({ filter: /^\.\/layout\.js$/ }, args => args.importer.endsWith('layout-on-demand.ts') ? { path: 'layout', namespace: 'no-layout' } : undefined);
        build.onLoad({ filter: /.*/, namespace: 'no-layout' }, () => ({
            contents: "export function layoutScene() { throw new Error('the browser lays out in its layout worker'); }", loader: 'js'
        }));
    }
};
