/**
 * The diagram over a real stdio connection to the built server: a debounced
 * `arch/modelChanged` after each validation, `arch/scene` answered from the
 * layout worker, the last good scene (marked stale) while the text has syntax
 * errors, and diagnostics that keep coming while a large layout runs.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateModel } from '../generate-model.js';
import {
    ExportRequest, ModelChangedNotification, SceneRequest, type ExportResult, type ModelChangedParams, type SceneResult
} from '../../server/src/protocol.js';
import { startLsp, WAIT_MS, type LspSession } from './connection.js';

const shop = readFileSync('examples/problems.arch', 'utf8');

let session: LspSession;
const changes: ModelChangedParams[] = [];
const changeWaiters: (() => void)[] = [];

beforeAll(async () => {
    session = await startLsp({ settings: () => ({ rules: {} }) });
    session.connection.onNotification(ModelChangedNotification.method, (params: ModelChangedParams) => {
        changes.push(params);
        for (const waiter of [...changeWaiters]) waiter();
    });
});
afterAll(() => session.close());

function modelChanged(uri: string, accept: (params: ModelChangedParams) => boolean): Promise<ModelChangedParams> {
    return new Promise((resolve, reject) => {
        const check = (): boolean => {
            const found = changes.find(params => params.uri === uri && accept(params));
            if (found) resolve(found);
            return !!found;
        };
        if (check()) return;
        const timer = setTimeout(() => reject(new Error(`no ${ModelChangedNotification.method} for ${uri}; got ${JSON.stringify(changes)}`)), WAIT_MS);
        const waiter = (): void => {
            if (!check()) return;
            clearTimeout(timer);
            changeWaiters.splice(changeWaiters.indexOf(waiter), 1);
        };
        changeWaiters.push(waiter);
    });
}

function scene(uri: string): Promise<SceneResult> {
    return session.connection.sendRequest<SceneResult>(SceneRequest.method, { uri });
}

describe('arch/modelChanged and arch/scene', () => {
    test('opening a file announces its model, and the scene has its nodes, groups and findings', async () => {
        const uri = await session.open('problems.arch', shop);
        const changed = await modelChanged(uri, () => true);
        expect(changed).toMatchObject({ uri, stale: false });
        const result = await scene(uri);
        expect(result.stale).toBe(false);
        expect(result.scene!.system).toBe('Shop');
        expect(new Set(result.scene!.nodes.map(n => n.node))).toEqual(new Set([
            'front', 'assets', 'edge', 'web', 'session_cache', 'product_cache', 'zk', 'catalog', 'orders', 'carts', 'jobs', 'mailer'
        ]));
        expect(result.scene!.groups.map(g => g.id).sort()).toEqual(['carts', 'catalog', 'orders']);
        expect(result.scene!.nodes.find(n => n.id === 'web')!.badges.error).toBeGreaterThan(0);
    });

    test('typing bursts collapse into one notification for the last version', async () => {
        const uri = await session.open('burst.arch', shop);
        await modelChanged(uri, () => true);
        const before = changes.filter(c => c.uri === uri).length;
        for (let i = 1; i <= 5; i++) await session.change(uri, shop.replace('peak 12000 rps', `peak ${12000 + i} rps`));
        const last = await modelChanged(uri, params => params.version >= 6);
        // Give a stray late notification time to arrive before counting.
        await new Promise(resolve => setTimeout(resolve, 400));
        const during = changes.filter(c => c.uri === uri).slice(before);
        expect(during.length).toBeLessThan(5);
        expect(during.at(-1)).toEqual(last);
    });

    test('while the text has syntax errors the scene is the last good one, marked stale', async () => {
        const uri = await session.open('stale.arch', shop);
        await modelChanged(uri, () => true);
        const good = await scene(uri);
        await session.change(uri, shop.replace('service web {', 'service web { instances {{{').replace('cache product_cache', 'cache'));
        const changed = await modelChanged(uri, params => params.stale);
        expect(changed.stale).toBe(true);
        const stale = await scene(uri);
        expect(stale.stale).toBe(true);
        expect(stale.scene!.hash).toBe(good.scene!.hash);
        await session.change(uri, shop.replace('web -> orders 30%', 'web -> orders 45%'));
        await modelChanged(uri, params => !params.stale && params.version > changed.version);
        const fresh = await scene(uri);
        expect(fresh.stale).toBe(false);
        expect(fresh.scene!.edges.find(e => e.from === 'web' && e.to === 'orders')!.share).toBe(0.45);
    });

    test('a file that never had a system gets a message, not a crash', async () => {
        const uri = await session.open('empty.arch', '// nothing here yet\n');
        await modelChanged(uri, () => true);
        const result = await scene(uri);
        expect(result.scene).toBeNull();
        expect(result.message).toMatch(/no system/);
    });

    test('diagnostics of another file arrive while a 1,000-node layout runs in the worker', async () => {
        const big = await session.open('big.arch', generateModel(1000).text);
        await modelChanged(big, () => true);
        let sceneDone = false;
        const pending = scene(big).then(result => { sceneDone = true; return result; });
        const small = await session.open('small.arch', 'system S {\n  service web\n}\n');
        await session.diagnosticsWhere(small, d => d.some(x => x.code === 'spof-single-instance'), 'spof-single-instance is reported');
        // The main thread answered while elkjs was busy in the worker thread.
        expect(sceneDone).toBe(false);
        const result = await pending;
        expect(result.scene!.nodes.length).toBeGreaterThan(1000);
    });
});

describe('arch/export', () => {
    test('each format of an open file: SVG and Markdown as text, PNG as base64 of a PNG', async () => {
        const uri = await session.open('export.arch', shop);
        await modelChanged(uri, () => true);
        const ask = (format: string, theme?: string) => session.connection.sendRequest<ExportResult>(ExportRequest.method, { uri, format, theme });
        const svg = await ask('svg');
        expect(svg.encoding).toBe('utf8');
        expect(svg.content).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
        expect(svg.content).toContain('session_cache');
        expect((await ask('svg', 'dark')).content).not.toBe(svg.content);
        const png = await ask('png');
        expect(png.encoding).toBe('base64');
        expect(Buffer.from(png.content, 'base64').subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
        expect((await ask('mermaid')).content).toMatch(/^(flowchart|graph) /m);
        expect((await ask('markdown')).content).toContain('```mermaid');
    });

    test('an unknown format or a file that is not open is an error answer, and the server lives on', async () => {
        const uri = await session.open('export-errors.arch', shop);
        await modelChanged(uri, () => true);
        await expect(session.connection.sendRequest(ExportRequest.method, { uri, format: 'gif' })).rejects.toThrow(/unknown export format gif/);
        await expect(session.connection.sendRequest(ExportRequest.method, { uri: session.uriOf('never-opened.arch'), format: 'svg' })).rejects.toThrow(/no system/);
        expect((await scene(uri)).scene).not.toBeNull();
    });
});
