/**
 * The webview's host (client/src/webview-host.ts), shared by the VS Code panel and the playground: a pure
 * class, tested here with a side that records what it posts and answers as the server would. (Both real
 * hosts are tested end to end: test/e2e/vscode.test.ts, test/web/playground.test.ts.)
 */
import { describe, expect, test, vi } from 'vitest';
import { WebviewHost, type HostSide } from '../../client/src/webview-host.js';
import type { Scene } from '../../server/src/diagram/scene.js';
import type { SceneResult, ToWebview, WhatIfResult } from '../../server/src/protocol.js';

const range = (line: number, from: number, to: number) => ({ start: { line, character: from }, end: { line, character: to } });
const SCENE = { system: 's', sources: [{ node: 'api', range: range(3, 2, 30) }, { node: 'db', range: range(4, 2, 30) }] } as unknown as Scene;

function side(answers: { scene?: () => Promise<SceneResult>; whatIf?: () => Promise<WhatIfResult> } = {}) {
    const posted: ToWebview[] = [];
    const scenes = vi.fn(answers.scene ?? (async () => ({ scene: SCENE, stale: false })));
    const s: HostSide = {
        scene: scenes,
        whatIf: answers.whatIf ?? (async () => ({ whatIf: null })),
        saveScenario: async () => ({ error: 'no' }),
        post: message => void posted.push(message),
        reveal: async () => true,
        askName: async () => undefined,
        applyEdit: async () => true,
        report: () => undefined
    };
    return { side: s, posted, scenes };
}

describe('the webview host', () => {
    test('the first model is drawn at once; later ones after a pause, once for a burst', async () => {
        vi.useFakeTimers();
        try {
            const { side: s, posted, scenes } = side();
            const host = new WebviewHost(s);
            host.modelChanged({ stale: false });
            await vi.advanceTimersByTimeAsync(0);
            expect(scenes).toHaveBeenCalledTimes(1);
            expect(posted.map(m => m.type)).toEqual(['scene']);
            host.modelChanged({ stale: false });
            host.modelChanged({ stale: false });
            await vi.advanceTimersByTimeAsync(100);
            expect(scenes).toHaveBeenCalledTimes(1);
            await vi.advanceTimersByTimeAsync(100);
            expect(scenes).toHaveBeenCalledTimes(2);
        } finally {
            vi.useRealTimers();
        }
    });

    test('a stale model keeps the drawing and says so; an answer overtaken by a newer request is dropped', async () => {
        let release: (result: SceneResult) => void = () => undefined;
        const { side: s, posted } = side({ scene: () => new Promise(resolve => { release = resolve; }) });
        const host = new WebviewHost(s);
        const first = host.received({ type: 'ready' });
        const firstRelease = release;
        const second = host.received({ type: 'ready' });
        release({ scene: SCENE, stale: false });
        firstRelease({ scene: null, stale: false, message: 'old' });
        await Promise.all([first, second]);
        expect(posted).toEqual([{ type: 'scene', scene: SCENE, stale: false }]);
        host.modelChanged({ stale: true });
        expect(posted.at(-1)).toEqual({ type: 'stale', stale: true });
    });

    test('the cursor highlights the innermost node under it, once per change', async () => {
        const { side: s, posted } = side();
        const host = new WebviewHost(s);
        await host.received({ type: 'ready' });
        host.cursorMoved({ line: 3, character: 5 });
        host.cursorMoved({ line: 3, character: 6 });
        host.cursorMoved({ line: 9, character: 0 });
        expect(posted.filter(m => m.type === 'highlight')).toEqual([{ type: 'highlight', node: 'api' }, { type: 'highlight', node: null }]);
    });

    test('a what-if that fails is reported and clears the panel; no name, no scenario', async () => {
        const { side: s, posted } = side({ whatIf: async () => { throw new Error('worker gone'); } });
        const reports: string[] = [];
        s.report = (_severity, message) => void reports.push(message);
        const host = new WebviewHost(s);
        await host.received({ type: 'whatIf', case: { scenario: null, fail: [], cold: [] } });
        expect(posted).toEqual([{ type: 'simulation', whatIf: null }]);
        expect(reports).toEqual(['the what-if could not be computed: worker gone']);
        await host.received({ type: 'saveScenario', peakFactor: 2, fail: [], cold: [] });
        expect(posted.at(-1)).toEqual({ type: 'saved', name: null });
    });
});
