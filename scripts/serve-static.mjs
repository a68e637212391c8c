// A static file server for the playground (`npm run playground`, scripts/playground.mjs) and the browser tests: a folder on
// 127.0.0.1, nothing else. It answers GET and HEAD for files under the folder only (no listing, no path
// that climbs out), with the content types the site uses. The site needs nothing of it: any static host
// serves the same files (docs/playground.md).
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES = {
    '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
    '.json': 'application/json', '.map': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
    '.md': 'text/markdown; charset=utf-8', '.arch': 'text/plain; charset=utf-8', '.txt': 'text/plain; charset=utf-8',
    '.ico': 'image/x-icon', '.webmanifest': 'application/manifest+json'
};

/** The file `urlPath` names under `root`, or undefined (outside it, or not a file). */
function fileFor(root, urlPath) {
    let path;
    try {
        path = decodeURIComponent(urlPath.split('?')[0].split('#')[0]);
    } catch {
        return undefined;
    }
    if (path.includes('\0')) return undefined;
    const file = resolve(root, '.' + normalize('/' + path));
    if (file !== root && !file.startsWith(root + sep)) return undefined;
    try {
        const stats = statSync(file);
        if (stats.isDirectory()) return fileFor(root, join(path, 'index.html'));
        return stats.isFile() ? { file, size: stats.size } : undefined;
    } catch {
        return undefined;
    }
}

/** Serves `folder` on 127.0.0.1:`port` (0: any free port); resolves with the server and its origin. */
export function serveStatic(folder, port = 0) {
    const root = resolve(folder);
    const server = createServer((request, response) => {
        if (request.method !== 'GET' && request.method !== 'HEAD') {
            response.writeHead(405, { Allow: 'GET, HEAD' }).end();
            return;
        }
        const found = fileFor(root, request.url ?? '/');
        if (!found) {
            response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found\n');
            return;
        }
        response.writeHead(200, {
            'Content-Type': TYPES[extname(found.file).toLowerCase()] ?? 'application/octet-stream',
            'Content-Length': found.size,
            'X-Content-Type-Options': 'nosniff',
            'Cache-Control': 'no-cache'
        });
        if (request.method === 'HEAD') response.end();
        else createReadStream(found.file).pipe(response);
    });
    return new Promise((resolvePromise, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => {
            const address = server.address();
            resolvePromise({ server, origin: `http://127.0.0.1:${address.port}` });
        });
    });
}

