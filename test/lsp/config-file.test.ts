/**
 * Editing `.archscope.json` re-validates the open documents: the editor's file
 * watcher reports the change (workspace/didChangeWatchedFiles) and the built
 * server re-reads the severities, as the CLI would.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startLsp, type LspSession } from './connection.js';

/** `main` runs one instance: spof-single-instance (error). */
const MODEL = 'system Config {\n  dns front\n  database main\n  front -> main\n}\n';

let session: LspSession;

beforeAll(async () => {
    session = await startLsp({ settings: () => ({ rules: {} }) });
});

afterAll(async () => {
    await session?.close();
});

function watchedFileChanged(path: string, type: 1 | 2 | 3): Promise<void> {
    return session.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(path).href, type }] });
}

test('a new, changed and deleted .archscope.json changes the published severities', async () => {
    const uri = await session.open('config.arch', MODEL);
    const codesOf = (d: { code?: unknown }[]): string[] => d.map(x => String(x.code));
    await session.diagnosticsWhere(uri, d => codesOf(d).includes('spof-single-instance'), 'the finding is reported at first');

    const config = join(session.dir, '.archscope.json');
    writeFileSync(config, JSON.stringify({ rules: { 'spof-single-instance': 'off' } }));
    await watchedFileChanged(config, 1);
    const off = await session.diagnosticsWhere(uri, d => !codesOf(d).includes('spof-single-instance'), 'the rule is off');
    expect(codesOf(off)).not.toContain('spof-single-instance');

    writeFileSync(config, JSON.stringify({ rules: { 'spof-single-instance': 'info' } }));
    await watchedFileChanged(config, 2);
    const info = await session.diagnosticsWhere(uri, d => d.some(x => x.code === 'spof-single-instance' && x.severity === 3), 'the rule reports as info');
    expect(info.find(x => x.code === 'spof-single-instance')?.severity).toBe(3);
});
