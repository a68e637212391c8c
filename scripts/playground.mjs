// `npm run playground`: builds the static site if it is not there yet (npm run build:web), then serves it on
// 127.0.0.1 at PORT (8080 by default) until stopped. Any static host serves the same files (docs/playground.md).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { serveStatic } from './serve-static.mjs';

const SITE = 'out/site';
const port = Number(process.env.PORT ?? 8080);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`PORT must be a port number (0–65535), not ${process.env.PORT}\n`);
    process.exit(2);
}
if (!existsSync(`${SITE}/index.html`)) {
    const built = spawnSync('npm', ['run', 'build:web'], { stdio: 'inherit' });
    if (built.status !== 0) process.exit(built.status ?? 1);
}
serveStatic(SITE, port).then(({ origin }) => {
    process.stdout.write(`archscope playground: ${origin}/ (Ctrl+C stops)\n`);
}, error => {
    process.stderr.write(`cannot serve on 127.0.0.1:${port}: ${error.message}\n`);
    process.exit(1);
});
