// Bundles the extension, the language server and the CLI as CommonJS (Langium is ESM; VS Code loads CJS).
import { build } from 'esbuild';
import { chmodSync } from 'node:fs';

const common = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    logLevel: 'warning',
    external: ['vscode']
};

await Promise.all([
    build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'out/extension.cjs' }),
    build({ ...common, entryPoints: ['server/src/main.ts'], outfile: 'out/server.cjs' }),
    build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'out/cli.cjs', banner: { js: '#!/usr/bin/env node' } })
]);
chmodSync('out/cli.cjs', 0o755);
