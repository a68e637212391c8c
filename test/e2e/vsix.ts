/**
 * The .vsix the end-to-end test installs: packaged fresh by @vscode/vsce from the current bundles, so the
 * test always runs the code in out/ (bundled first with scripts/bundle.mjs when out/ has no bundles,
 * as when the test is run alone on a fresh checkout).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

const BUNDLES = [
    'out/extension.cjs', 'out/server.cjs', 'out/layout-worker.cjs', 'out/layout.cjs', 'media/dist/diagram.js',
    // VS Code for the Web (package.json's `browser`)
    'out/web/extension.cjs', 'out/web/server-worker.js', 'out/web/layout-worker.js'
];

export async function packageVsix(root: string, outDir: string): Promise<string> {
    if (BUNDLES.some(file => !existsSync(path.join(root, file)))) {
        await run(process.execPath, ['scripts/bundle.mjs'], { cwd: root, timeout: 300_000 });
    }
    mkdirSync(outDir, { recursive: true });
    const vsix = path.join(outDir, 'archscope.vsix');
    rmSync(vsix, { force: true });
    await run(process.execPath, [path.join(root, 'node_modules/@vscode/vsce/vsce'), 'package', '--out', vsix], {
        cwd: root, timeout: 300_000, maxBuffer: 16 << 20
    });
    if (!existsSync(vsix)) throw new Error(`vsce package wrote no ${vsix}`);
    return vsix;
}
