/**
 * What the bundles hold (scripts/bundle.mjs). elkjs (the layout) is its own file, out/layout.cjs,
 * loaded on the first layout: the CLI and the server do not compile its 3.4 MB for a check. The CLI's
 * exports (test/cli/export.test.ts) and the server's diagram (test/lsp/diagram.test.ts) run through it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const OUT = fileURLToPath(new URL('../../out', import.meta.url));
/** A string of elkjs's own code (its Java package names), not of archscope's layout options. */
const ELK_CODE = 'org.eclipse.elk.alg';

function bundle(name: string): string {
    return readFileSync(join(OUT, name), 'utf8');
}

describe('bundles', () => {
    test.each(['cli.cjs', 'server.cjs', 'layout-worker.cjs'])('%s leaves elkjs to out/layout.cjs, required on the first layout', name => {
        const code = bundle(name);
        expect(code).not.toContain(ELK_CODE);
        expect(code).toContain('import("./layout.cjs")');
    });

    test('out/layout.cjs holds elkjs and exports layoutScene', async () => {
        expect(bundle('layout.cjs')).toContain(ELK_CODE);
        const layout = (await import(join(OUT, 'layout.cjs'))) as { layoutScene?: unknown };
        expect(typeof layout.layoutScene).toBe('function');
    });
});
