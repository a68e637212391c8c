/**
 * The simulation panel's requests over a real stdio connection to the built server (issue 13):
 * `arch/whatIf` answers a what-if's figures over the peak grid, `arch/saveScenario` the `scenario`
 * block and where it goes (the client applies it), refusing a name taken or not a name. The what-if is
 * computed in its worker thread (out/what-if-worker.cjs): the server answers other requests meanwhile,
 * and a request overtaken by a newer one for the same document while it waited is answered null.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
    ModelChangedNotification, SaveScenarioRequest, WhatIfRequest, type SaveScenarioResult, type WhatIfResult
} from '../../server/src/protocol.js';
import { applyEdits } from '../apply-edits.js';
import { generateModel } from '../generate-model.js';
import { check } from '../helpers.js';
import { startLsp, WAIT_MS, type LspSession } from './connection.js';

const FEED = readFileSync('examples/feed.arch', 'utf8');
let session: LspSession;
let uri: string;

const announced = new Set<string>();
const waiting = new Map<string, () => void>();

/** Opens `text` and waits until its model is announced (the what-if reads the diagram's Topology). */
async function openModel(name: string, text: string): Promise<string> {
    const opened = session.open(name, text);
    const model = await opened;
    if (!announced.has(model)) {
        await new Promise<void>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`no arch/modelChanged for ${name}`)), WAIT_MS);
            waiting.set(model, () => {
                clearTimeout(timer);
                resolve();
            });
        });
    }
    return model;
}

beforeAll(async () => {
    session = await startLsp({ settings: () => ({ rules: {} }) });
    session.connection.onNotification(ModelChangedNotification.method, (params: { uri: string }) => {
        announced.add(params.uri);
        waiting.get(params.uri)?.();
    });
    uri = await openModel('feed.arch', FEED);
});
afterAll(() => session.close());

describe('arch/whatIf', () => {
    test('a scenario: its own peak, its failures, the grid of peaks, and its targets', async () => {
        const { whatIf } = await session.connection.sendRequest<WhatIfResult>(WhatIfRequest.method, { uri, case: { scenario: 'east_down', fail: [], cold: [] } });
        expect(whatIf).not.toBeNull();
        expect(whatIf!.case.scenario).toBe('east_down');
        expect(whatIf!.peakFactor).toBe(1);
        expect(whatIf!.zones).toEqual(['us_east', 'us_west', 'us_central']);
        expect(whatIf!.scenarios.map(s => [s.name, s.peakFactor])).toEqual([['black_friday', 2], ['east_down', 1], ['cold_start', 1]]);
        expect(whatIf!.grid).toHaveLength(21);
        expect(whatIf!.grid[0].factor).toBe(0.25);
        expect(whatIf!.grid.at(-1)!.factor).toBe(10);
        // lb_east lives in us_east only: down in this case.
        expect(whatIf!.nodes.find(n => n.node === 'lb_east')!.down).toBe(true);
        expect(whatIf!.failures).toBeGreaterThan(0.998);
        expect(whatIf!.targets.find(t => t.target === 'availability')).toMatchObject({ limit: 0.995, met: true });
    });

    test('what-if failures on top: a node named, an unknown name left out', async () => {
        const { whatIf } = await session.connection.sendRequest<WhatIfResult>(WhatIfRequest.method, { uri, case: { scenario: null, fail: ['api', 'nowhere'], cold: [] } });
        expect(whatIf!.case).toEqual({ scenario: null, fail: ['api'], cold: [] });
        expect(whatIf!.nodes.find(n => n.node === 'api')!.down).toBe(true);
        // Every synchronous request of the browsers and the phones goes through api; only the nightly job's enqueues are served.
        expect(whatIf!.failures!).toBeLessThan(0.02);
    });

    test('a file that is not open: null', async () => {
        const result = await session.connection.sendRequest<WhatIfResult>(WhatIfRequest.method, { uri: 'file:///nowhere.arch', case: { scenario: null, fail: [], cold: [] } });
        expect(result.whatIf).toBeNull();
    });
});

describe('arch/whatIf in its worker thread', () => {
    test('the server answers other requests while a what-if of 200 nodes is computed', async () => {
        const big = await openModel('generated-200.arch', generateModel(200, 7, 2).text);
        const order: string[] = [];
        const whatIf = session.connection.sendRequest<WhatIfResult>(WhatIfRequest.method, { uri: big, case: { scenario: null, fail: [], cold: [] } })
            .then(result => (order.push('whatIf'), result));
        const symbols = session.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }).then(() => order.push('symbols'));
        const [result] = await Promise.all([whatIf, symbols]);
        // On the main thread the what-if would hold the connection until it is done, and answer first.
        expect(order).toEqual(['symbols', 'whatIf']);
        expect(result.whatIf!.nodes).toHaveLength(200);
        expect(result.whatIf!.grid).toHaveLength(21);
    });

    test('a what-if overtaken by a newer one for the same document while it waited is answered null, uncomputed', async () => {
        const big = await openModel('generated-200.arch', generateModel(200, 7, 2).text);
        const ask = (fail: string[]) => session.connection.sendRequest<WhatIfResult>(WhatIfRequest.method, { uri: big, case: { scenario: null, fail, cold: [] } });
        const [first, second, third] = await Promise.all([ask([]), ask(['us_east']), ask(['us_west'])]);
        expect(first.whatIf).not.toBeNull();
        expect(second.whatIf).toBeNull();
        expect(third.whatIf!.case.fail).toEqual(['us_west']);
    });
});

describe('arch/saveScenario', () => {
    test('the block before the system\'s closing brace; the text with it parses and has the scenario', async () => {
        const result = await session.connection.sendRequest<SaveScenarioResult>(SaveScenarioRequest.method, {
            uri, name: 'busy_east', peakFactor: 2.5, fail: ['us_east'], cold: ['users_cache']
        });
        expect(result.edit?.newText).toBe('  scenario busy_east { peak 2.5x  fail us_east  cold users_cache }\n');
        const text = applyEdits(FEED, [result.edit!]);
        const { diagnostics } = await check(text);
        expect(diagnostics.filter(d => d.code === 'syntax' || d.code === 'link')).toEqual([]);
        expect(text.trimEnd().endsWith('  scenario busy_east { peak 2.5x  fail us_east  cold users_cache }\n}')).toBe(true);
    });

    test('names with a hyphen, as the language allows them, are written', async () => {
        const result = await session.connection.sendRequest<SaveScenarioResult>(SaveScenarioRequest.method, {
            uri, name: 'east-rush', peakFactor: 1, fail: ['order-db', 'not a name'], cold: []
        });
        expect(result.edit?.newText).toBe('  scenario east-rush { fail order-db }\n');
    });

    test('a name taken or not a name is refused with a reason', async () => {
        const taken = await session.connection.sendRequest<SaveScenarioResult>(SaveScenarioRequest.method, { uri, name: 'east_down', peakFactor: 1, fail: [], cold: [] });
        expect(taken).toEqual({ error: 'Scenario east_down already exists in system Feed.' });
        const bad = await session.connection.sendRequest<SaveScenarioResult>(SaveScenarioRequest.method, { uri, name: '2fast', peakFactor: 1, fail: [], cold: [] });
        expect(bad.error).toContain('is not a name');
    });
});
