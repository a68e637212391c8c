/**
 * The language server of the browser (out/web/server-worker.js, the bundle the playground and VS Code
 * for the Web start) in real Chromium: started as a Web Worker from a page of the same origin, spoken to
 * in LSP over postMessage, as vscode-languageclient/browser does. It must answer what the Node server
 * answers (diagnostics with rule links, hover with estimates, completion, the diagram's scene), keep
 * answering after a layout (elkjs takes `self.onmessage` in a worker when it loads), and say why there is
 * no PNG.
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { serveStatic } from '../../scripts/serve-static.mjs';
import { launchChromium } from '../browser/chromium.js';
import { layOutExamples } from '../../scripts/lay-out-examples.js';

/** In callbacks that run in the page: the browser's globals (this file is type-checked with Node's). */
declare const window: any;
declare const Worker: any;

const SPOF = `system shop {
  traffic { peak 400 rps }
  balancer lb
  service api { instances 1  capacity 600 rps  latency 20ms }
  database db { instances 1  capacity 900 rps  latency 5ms }
  lb -> api
  api -> db
}
`;

const KNOWN_URI = 'file:///known.arch';

let browser: Browser;
let server: Server;
let origin: string;
let folder: string;
let page: Page;

beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'archscope-web-'));
    copyFileSync('out/web/server-worker.js', join(folder, 'server-worker.js'));
    copyFileSync('out/web/layout-worker.js', join(folder, 'layout-worker.js'));
    // A scenes file as the playground's build writes it (scripts/build-web.mjs), of SPOF.
    writeFileSync(join(folder, 'scenes.json'), JSON.stringify(await layOutExamples([SPOF])));
    writeFileSync(join(folder, 'index.html'), '<!DOCTYPE html><html><head><meta charset="utf-8"><title>worker</title></head><body></body></html>');
    ({ server, origin } = await serveStatic(folder));
    browser = await launchChromium();
    page = await connect('/server-worker.js?docs=https://docs.example.test/rules/');
}, 60_000);

afterAll(async () => {
    await browser?.close();
    server?.close();
    rmSync(folder, { recursive: true, force: true });
});

/**
 * A page of the site with a minimal JSON-RPC client over postMessage (requests by id, notifications kept
 * by method, the server's own requests answered empty as a client with no settings), initialized. With
 * `asBlob`, the worker is started as VS Code for the Web starts an extension's worker: from a blob: URL of
 * the script's text (so it has no query and nothing beside it), the rest said in `initializationOptions`.
 */
async function connect(script: string, asBlob?: { initializationOptions: unknown }, silentLayoutPort = false): Promise<Page> {
    const opened = await browser.newPage();
    await opened.goto(`${origin}/`);
    await opened.evaluate(async ([url, blob, silent]) => {
        const w = window as unknown as Record<string, unknown>;
        const blobOf = async (at: string): Promise<string> => URL.createObjectURL(new Blob([await (await fetch(at)).text()], { type: 'text/javascript' }));
        const worker = new Worker(blob ? await blobOf(url) : url);
        w.blobOf = blobOf;
        w.worker = worker;
        w.restarts = 0;
        w.wanted = 0;
        worker.addEventListener('message', (event: { data: any }) => {
            if (event.data?.archscopeLayoutRestart === true) (w.restarts as number)++;
            if (event.data?.archscopeLayoutWanted === true) (w.wanted as number)++;
        });
        if (silent) {
            // The playground's way, with a layout worker that never answers: the page keeps the other end.
            const channel = new MessageChannel();
            w.silentEnd = channel.port1;
            worker.postMessage({ archscopeLayoutPort: channel.port2 }, [channel.port2]);
        }
        const answers = new Map<number, unknown>();
        const notifications: { method: string; params: unknown }[] = [];
        worker.onmessage = (event: { data: unknown }) => {
            const message = event.data as { id?: number; method?: string; params?: unknown; result?: unknown; error?: unknown };
            if (message.method && message.id !== undefined) {
                const items = (message.params as { items?: unknown[] } | undefined)?.items ?? [];
                worker.postMessage({ jsonrpc: '2.0', id: message.id, result: message.method === 'workspace/configuration' ? items.map(() => null) : null });
            } else if (message.method) notifications.push({ method: message.method, params: message.params });
            else if (message.id !== undefined) answers.set(message.id, message.error ? { error: message.error } : { result: message.result });
        };
        let next = 1;
        w.request = (method: string, params: unknown) => new Promise((resolve, reject) => {
            const id = next++;
            const started = Date.now();
            worker.postMessage({ jsonrpc: '2.0', id, method, params });
            const poll = (): void => {
                if (answers.has(id)) resolve(answers.get(id));
                else if (Date.now() - started > 15_000) reject(new Error(`no answer to ${method} in 15 s`));
                else setTimeout(poll, 10);
            };
            poll();
        });
        w.notify = (method: string, params: unknown) => worker.postMessage({ jsonrpc: '2.0', method, params });
        w.notifications = notifications;
    }, [script, asBlob !== undefined, silentLayoutPort] as const);
    // The layout worker's blob: URL is made in the page, as the extension makes it in its host.
    const initializationOptions = asBlob
        ? await opened.evaluate(async options => ({ ...options, layoutWorker: await (window as any).blobOf('/layout-worker.js') }), asBlob.initializationOptions as Record<string, unknown>)
        : undefined;
    await request('initialize', { processId: null, rootUri: null, capabilities: { workspace: { configuration: true } }, initializationOptions }, opened);
    await notify('initialized', {}, opened);
    return opened;
}

async function request(method: string, params: unknown, on = page): Promise<{ result?: any; error?: { message: string } }> {
    return on.evaluate(([m, p]) => (window as any).request(m, p), [method, params] as const);
}
async function notify(method: string, params: unknown, on = page): Promise<void> {
    await on.evaluate(([m, p]) => (window as any).notify(m, p), [method, params] as const);
}
/** Sends a notification that changes `uri`, and waits for the diagnostics published after it. */
async function diagnosticsAfter(uri: string, method: string, params: unknown, on = page): Promise<any[]> {
    const before = await on.evaluate(() => (window as any).notifications.length as number);
    await notify(method, params, on);
    const handle = await on.waitForFunction(([u, from]) => {
        const found = ((window as any).notifications as { method: string; params: any }[])
            .slice(from).filter(n => n.method === 'textDocument/publishDiagnostics' && n.params.uri === u);
        return found.length > 0 ? found[found.length - 1].params.diagnostics : undefined;
    }, [uri, before] as const, { timeout: 20_000 });
    return handle.jsonValue();
}

describe('the language server in a Web Worker', () => {
    const uri = 'file:///shop.arch';

    test('a single point of failure is diagnosed, with its rule and its page under the base the worker was given', async () => {
        const diagnostics = await diagnosticsAfter(uri, 'textDocument/didOpen', { textDocument: { uri, languageId: 'arch', version: 1, text: SPOF } });
        const spof = diagnostics.find(d => d.code === 'spof-single-instance' && d.message.includes('api'));
        expect(spof, JSON.stringify(diagnostics.map(d => d.code))).toBeDefined();
        expect(spof.range.start.line).toBe(3);
        expect(spof.codeDescription?.href).toBe('https://docs.example.test/rules/spof-single-instance.md');
    });

    test('hover shows the estimate of a node; completion after `->` offers the nodes', async () => {
        const hover = await request('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 11 } });
        const text = JSON.stringify(hover.result?.contents);
        expect(text).toMatch(/utilization/i);
        expect(text).toMatch(/67%/); // 400 / 600 rps

        await diagnosticsAfter(uri, 'textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: SPOF.replace('  api -> db\n', '  api -> db\n  lb -> \n') }] });
        const completion = await request('textDocument/completion', { textDocument: { uri }, position: { line: 7, character: 8 } });
        const items = (Array.isArray(completion.result) ? completion.result : completion.result?.items ?? []) as { label: string }[];
        expect(items.map(item => item.label)).toEqual(expect.arrayContaining(['api', 'db']));
    });

    test('the diagram is laid out in the layout worker beside it, and the server goes on answering after it', async () => {
        await diagnosticsAfter(uri, 'textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: SPOF }] });
        const scene = await request('arch/scene', { uri });
        expect(scene.error).toBeUndefined();
        expect(scene.result.scene.nodes.map((n: { node: string }) => n.node)).toEqual(expect.arrayContaining(['lb', 'api', 'db']));
        const hover = await request('textDocument/hover', { textDocument: { uri }, position: { line: 4, character: 12 } });
        expect(JSON.stringify(hover.result?.contents)).toMatch(/db/);
    });

    test('SVG exports; a PNG is refused with the reason and what to do instead', async () => {
        const svg = await request('arch/export', { uri, format: 'svg', theme: 'light' });
        expect(svg.result.content).toMatch(/^<\?xml|^<svg/);
        expect(svg.result.content).toContain('</svg>');
        const png = await request('arch/export', { uri, format: 'png', theme: 'light' });
        expect(png.error?.message).toMatch(/cannot make a PNG.*export SVG/);
    });
});

describe('the worker started as VS Code for the Web starts it (client/src/web/browser-extension.ts)', () => {
    test('from a blob: URL, it links the rule pages and starts the layout worker as `initializationOptions` say', async () => {
        const vscodeWeb = await connect('/server-worker.js', { initializationOptions: { docsBase: 'vscode-remote://remote/extensions/archscope/docs/rules/' } });
        try {
            const uri = 'file:///web.arch';
            const diagnostics = await diagnosticsAfter(uri, 'textDocument/didOpen', { textDocument: { uri, languageId: 'arch', version: 1, text: SPOF } }, vscodeWeb);
            const spof = diagnostics.find(d => d.code === 'spof-single-instance' && d.message.includes('api'));
            expect(spof?.codeDescription?.href).toBe('vscode-remote://remote/extensions/archscope/docs/rules/spof-single-instance.md');
            const scene = await request('arch/scene', { uri }, vscodeWeb);
            expect(scene.error).toBeUndefined();
            expect(scene.result.scene.nodes.map((n: { node: string }) => n.node)).toEqual(expect.arrayContaining(['lb', 'api', 'db']));
        } finally {
            await vscodeWeb.close();
        }
    });

    test('the workspace\'s .archscope.json files, as the client sends them (arch/projectConfigs), govern the documents under them', async () => {
        const uri = 'vscode-vfs://github/acme/shop/designs/shop.arch';
        const codes = (diagnostics: any[]) => diagnostics.map(d => d.code);
        const before = await diagnosticsAfter(uri, 'textDocument/didOpen', { textDocument: { uri, languageId: 'arch', version: 1, text: SPOF } });
        expect(codes(before)).toContain('spof-single-instance');
        const off = await diagnosticsAfter(uri, 'arch/projectConfigs', {
            files: [{ uri: 'vscode-vfs://github/acme/shop/.archscope.json', text: '{"rules": {"spof-single-instance": "off"}}' }]
        });
        expect(codes(off)).not.toContain('spof-single-instance');
        expect(codes(off).length).toBeGreaterThan(0); // the other findings stay
        const broken = await diagnosticsAfter(uri, 'arch/projectConfigs', { files: [{ uri: 'vscode-vfs://github/acme/shop/.archscope.json', text: '{"rules": ' }] });
        expect(codes(broken)).toContain('spof-single-instance');
        expect(broken.find(d => d.code === 'config')?.message).toMatch(/\/acme\/shop\/\.archscope\.json is not valid JSON/);
        await notify('textDocument/didClose', { textDocument: { uri } });
    });

    test('a docs base that is no link (javascript:) is not linked, and the server still answers', async () => {
        const hostile = await connect('/server-worker.js', { initializationOptions: { docsBase: 'javascript:alert(1)//' } });
        try {
            const uri = 'file:///hostile.arch';
            const diagnostics = await diagnosticsAfter(uri, 'textDocument/didOpen', { textDocument: { uri, languageId: 'arch', version: 1, text: SPOF } }, hostile);
            const spof = diagnostics.find(d => d.code === 'spof-single-instance');
            expect(spof).toBeDefined();
            expect(spof.codeDescription).toBeUndefined();
        } finally {
            await hostile.close();
        }
    });
});

/** What the page does when the server asks (web/src/server-worker-start.ts): a layout worker, its port to the server. */
async function giveLayoutPort(on: Page): Promise<void> {
    await on.evaluate(() => {
        const layout = new Worker('/layout-worker.js');
        const channel = new MessageChannel();
        layout.postMessage({ connect: channel.port1 }, [channel.port1]);
        (window as any).worker.postMessage({ archscopeLayoutPort: channel.port2 }, [channel.port2]);
    });
}

describe('the playground\'s layout worker: started by the page, handed to the server as a port (server/src/web/layout-client.ts)', () => {
    test('with the page\'s layout worker still to come, a known scene is answered at once; another asks the page for its worker once, and waits for it', async () => {
        const playground = await connect('/server-worker.js?layoutWorker=page&scenes=scenes.json');
        try {
            await diagnosticsAfter(KNOWN_URI, 'textDocument/didOpen', { textDocument: { uri: KNOWN_URI, languageId: 'arch', version: 1, text: SPOF } }, playground);
            const known = await request('arch/scene', { uri: KNOWN_URI }, playground);
            const file = JSON.parse(await playground.evaluate(async () => (await fetch('/scenes.json')).text()));
            expect(known.result.scene).toEqual(file[0]);
            expect(await playground.evaluate(() => (window as any).wanted)).toBe(0);

            // Two other texts, each asked for before the page gave a port: the page is asked once, and both are drawn once it has.
            const change = async (version: number, text: string): Promise<void> => {
                await diagnosticsAfter(KNOWN_URI, 'textDocument/didChange', { textDocument: { uri: KNOWN_URI, version }, contentChanges: [{ text }] }, playground);
                await playground.evaluate(([uri, v]) => { (window as any)[`scene${v}`] = (window as any).request('arch/scene', { uri }); }, [KNOWN_URI, version] as const);
            };
            await change(2, SPOF.replace('service api { instances 1', 'service api { instances 3'));
            await change(3, SPOF.replace('service api { instances 1', 'service api { instances 4'));
            await expect.poll(() => playground.evaluate(() => (window as any).wanted)).toBe(1);
            await giveLayoutPort(playground);
            const [two, three] = await playground.evaluate(() => Promise.all([(window as any).scene2, (window as any).scene3])) as { result: { scene: { hash: string; nodes: { node: string }[] } } }[];
            expect(two.result.scene.nodes.map(n => n.node)).toEqual(expect.arrayContaining(['lb', 'api', 'db']));
            expect(new Set([file[0].hash, two.result.scene.hash, three.result.scene.hash]).size).toBe(3);
            expect(await playground.evaluate(() => (window as any).wanted)).toBe(1);
        } finally {
            await playground.close();
        }
    }, 30_000);

    test('a layout past the time limit fails with the reason, the page is asked for a new worker, and the next layout is drawn by it', async () => {
        const playground = await connect('/server-worker.js?layoutLimit=5000&layoutWorker=page', undefined, true);
        try {
            const uri = 'file:///limit.arch';
            await diagnosticsAfter(uri, 'textDocument/didOpen', { textDocument: { uri, languageId: 'arch', version: 1, text: SPOF } }, playground);
            const stuck = await request('arch/scene', { uri }, playground);
            expect(stuck.result.scene).toBeNull();
            expect(stuck.result.message).toBe('The diagram could not be laid out: the layout took longer than 5 s');
            expect(await playground.evaluate(() => (window as any).restarts)).toBe(1);
            await giveLayoutPort(playground);
            const drawn = await request('arch/scene', { uri }, playground);
            expect(drawn.result.message).toBeUndefined();
            expect(drawn.result.scene.nodes.map((n: { node: string }) => n.node)).toEqual(expect.arrayContaining(['lb', 'api', 'db']));
            // The port messages never reached the protocol: the server answers as before, and never logged a message it could not read.
            const hover = await request('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 11 } }, playground);
            expect(JSON.stringify(hover.result?.contents)).toMatch(/67%/);
            const logged = await playground.evaluate(() => ((window as any).notifications as { method: string; params: any }[])
                .filter(n => n.method === 'window/logMessage').map(n => String(n.params?.message)));
            expect(logged.filter(message => /neither a response|invalid message/i.test(message))).toEqual([]);
        } finally {
            await playground.close();
        }
    }, 30_000);
});
