/**
 * One code-server window for an end-to-end test file: registers the file's hooks (before all: the .vsix
 * packaged and installed, a workspace with `files`, code-server started, Chromium on the workspace; on a
 * failed step: a screenshot and code-server's log; after all: everything stopped and removed). The steps
 * read `session.page` and `session.workspace` once `beforeAll` has run.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { launchChromium } from '../browser/chromium.js';
import { installCodeServer, prepare, startCodeServer, type CodeServer } from './code-server.js';
import { packageVsix } from './vsix.js';
import { openWorkbench, Screenshots } from './workbench.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface SessionOptions {
    /** Where the .vsix, the screenshots and a failed run's code-server log go (emptied first). */
    output: string;
    /** The workspace's files by name; the window opens with the first listed in the explorer. */
    files: Record<string, string>;
    /** User settings beside the quiet defaults of code-server.ts. */
    settings?: Record<string, unknown>;
}

export interface Session {
    page: Page;
    workspace: string;
    shots: Screenshots;
}

export function codeServerSession(options: SessionOptions): Session {
    const session = { shots: new Screenshots(options.output) } as Session;
    let base: string | undefined;
    let server: CodeServer | undefined;
    let browser: Browser | undefined;

    beforeAll(async () => {
        rmSync(options.output, { recursive: true, force: true });
        base = mkdtempSync(path.join(tmpdir(), 'archscope-e2e-'));
        session.workspace = path.join(base, 'workspace');
        const [install, vsix] = await Promise.all([installCodeServer(ROOT), packageVsix(ROOT, options.output)]);
        const folders = await prepare(install, path.join(base, 'vscode'), vsix, options.settings);
        mkdirSync(session.workspace, { recursive: true });
        for (const [name, text] of Object.entries(options.files)) writeFileSync(path.join(session.workspace, name), text);
        server = await startCodeServer(install, folders, session.workspace);
        browser = await launchChromium();
        session.page = await openWorkbench(browser, server.url, session.workspace, Object.keys(options.files)[0]);
    }, 20 * 60_000);

    afterAll(async () => {
        await browser?.close().catch(() => undefined);
        await server?.stop();
        if (base) rmSync(base, { recursive: true, force: true });
    }, 60_000);

    beforeEach(({ task, onTestFailed }) => {
        onTestFailed(async () => {
            if (session.page) await session.shots.take(session.page, `failed-${task.name.replace(/\W+/g, '-')}`).catch(() => undefined);
            if (server) writeFileSync(path.join(options.output, 'code-server.log'), server.log());
        });
    });
    return session;
}
