/**
 * Rule severities from real `.archscope.json` files and the `archscope.rules`
 * editor setting (docs/configuration.md): documents are loaded from real
 * folders with `file://` URIs, so the settings are found the way the editor
 * and the CLI find them.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { URI } from 'langium';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-types';
import { runCheck } from '../../server/src/cli/check-command.js';
import { findProjectConfig } from '../../server/src/language/workspace/rule-settings-node.js';
import { services } from '../helpers.js';

const MODEL = `system S {
  service web { autoscale 1..4 }
  database orders
  web -> orders
}
`;

const SEVERITY: Record<number, string> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

const root = mkdtempSync(join(tmpdir(), 'archscope-settings-'));
let folders = 0;

/** A fresh folder with the given files (paths relative to it); returns its path. */
function project(files: Record<string, string>): string {
    const folder = join(root, `p${++folders}`);
    for (const [path, content] of Object.entries(files)) {
        mkdirSync(dirname(join(folder, path)), { recursive: true });
        writeFileSync(join(folder, path), content);
    }
    return folder;
}

/** Parses, links and validates a file from disk through the shared services, under its real `file://` URI. */
async function checkFile(path: string): Promise<Diagnostic[]> {
    const { shared } = services;
    const document = shared.workspace.LangiumDocumentFactory.fromString(readFileSync(path, 'utf8'), URI.file(path));
    shared.workspace.LangiumDocuments.addDocument(document);
    try {
        await shared.workspace.DocumentBuilder.build([document], { validation: true });
        return document.diagnostics ?? [];
    } finally {
        shared.workspace.LangiumDocuments.deleteDocument(document.uri);
    }
}

/** `code:severity` of each diagnostic, sorted. */
async function severities(path: string): Promise<string[]> {
    return (await checkFile(path)).map(d => `${d.code}:${SEVERITY[d.severity ?? 1]}`).sort();
}

async function configWarnings(path: string): Promise<Diagnostic[]> {
    return (await checkFile(path)).filter(d => d.code === 'config');
}

const rules = (settings: Record<string, unknown>): string => JSON.stringify({ rules: settings });

afterEach(() => services.Arch.settings.setEditorRules({}));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('.archscope.json', () => {
    test('without any settings file the defaults apply', async () => {
        const folder = project({ 'problems.arch': MODEL });
        // Nothing above the temp folder may hold settings, or the defaults would not be the defaults.
        expect(findProjectConfig(folder)).toBeUndefined();
        expect(await severities(join(folder, 'problems.arch'))).toEqual(['spof-autoscale-min-one:warning', 'spof-single-instance:error']);
    });

    test('`off` removes a rule\'s findings; `info` and `error` change their severity', async () => {
        const off = project({ 'problems.arch': MODEL, '.archscope.json': rules({ 'spof-single-instance': 'off', 'spof-autoscale-min-one': 'error' }) });
        expect(await severities(join(off, 'problems.arch'))).toEqual(['spof-autoscale-min-one:error']);
        const info = project({ 'problems.arch': MODEL, '.archscope.json': rules({ 'spof-single-instance': 'info' }) });
        expect(await severities(join(info, 'problems.arch'))).toEqual(['spof-autoscale-min-one:warning', 'spof-single-instance:info']);
    });

    test('a file in a parent folder applies to the folders below it', async () => {
        const folder = project({ '.archscope.json': rules({ 'spof-single-instance': 'off' }), 'systems/shop/problems.arch': MODEL });
        expect(await severities(join(folder, 'systems/shop/problems.arch'))).toEqual(['spof-autoscale-min-one:warning']);
    });

    test('the nearest file wins, whole: settings files do not merge', async () => {
        const folder = project({
            '.archscope.json': rules({ 'spof-single-instance': 'off', 'spof-autoscale-min-one': 'off' }),
            'top.arch': MODEL,
            'team/.archscope.json': rules({ 'spof-single-instance': 'info' }),
            'team/team.arch': MODEL,
            'team/deeper/deep.arch': MODEL
        });
        expect(await severities(join(folder, 'top.arch'))).toEqual([]);
        // team/ has its own file: spof-single-instance is info there, and spof-autoscale-min-one is back to its default.
        expect(await severities(join(folder, 'team/team.arch'))).toEqual(['spof-autoscale-min-one:warning', 'spof-single-instance:info']);
        expect(await severities(join(folder, 'team/deeper/deep.arch'))).toEqual(['spof-autoscale-min-one:warning', 'spof-single-instance:info']);
    });

    test('a changed file is read again', async () => {
        const folder = project({ 'problems.arch': MODEL, '.archscope.json': rules({ 'spof-single-instance': 'off' }) });
        const config = join(folder, '.archscope.json');
        expect(await severities(join(folder, 'problems.arch'))).toEqual(['spof-autoscale-min-one:warning']);
        writeFileSync(config, rules({ 'spof-single-instance': 'info' }));
        // Move the modification time on explicitly: the settings are cached by it, and a fast test can write twice within a tick.
        const later = new Date(Date.now() + 10_000);
        utimesSync(config, later, later);
        expect(await severities(join(folder, 'problems.arch'))).toEqual(['spof-autoscale-min-one:warning', 'spof-single-instance:info']);
    });
});

describe('problems in .archscope.json are `config` warnings, never crashes', () => {
    test('invalid JSON: one warning naming the file, and the defaults apply', async () => {
        const folder = project({ 'problems.arch': MODEL, '.archscope.json': '{"rules": {"spof-single-instance": "off",}}' });
        const diagnostics = await checkFile(join(folder, 'problems.arch'));
        const config = diagnostics.filter(d => d.code === 'config');
        expect(config).toHaveLength(1);
        expect(config[0].severity).toBe(2);
        expect(config[0].range.start.line).toBe(0);
        expect(config[0].message).toContain(join(folder, '.archscope.json'));
        expect(config[0].message).toContain('is not valid JSON');
        expect(diagnostics.filter(d => d.code !== 'config').map(d => d.code).sort()).toEqual(['spof-autoscale-min-one', 'spof-single-instance']);
    });

    test('an unknown rule ID is named, and the rest of the file still applies', async () => {
        const folder = project({
            'problems.arch': MODEL,
            '.archscope.json': rules({ 'spof-single-instanse': 'off', 'spof-autoscale-min-one': 'info' })
        });
        const path = join(folder, 'problems.arch');
        const config = await configWarnings(path);
        expect(config.map(d => d.message)).toHaveLength(1);
        expect(config[0].message).toContain('`spof-single-instanse` is not a rule ID');
        expect(await severities(path)).toEqual(['config:warning', 'spof-autoscale-min-one:info', 'spof-single-instance:error']);
    });

    test('an unknown severity lists the allowed ones, and the rule keeps its default', async () => {
        const folder = project({ 'problems.arch': MODEL, '.archscope.json': rules({ 'spof-single-instance': 'critical' }) });
        const path = join(folder, 'problems.arch');
        const config = await configWarnings(path);
        expect(config.map(d => d.message)).toHaveLength(1);
        expect(config[0].message).toContain('the severity of spof-single-instance must be one of off, info, warning, error');
        expect(await severities(path)).toEqual(['config:warning', 'spof-autoscale-min-one:warning', 'spof-single-instance:error']);
    });

    test('a file that is not an object, or whose `rules` is not one, says what shape it needs', async () => {
        const array = project({ 'problems.arch': MODEL, '.archscope.json': '["spof-single-instance"]' });
        expect((await configWarnings(join(array, 'problems.arch')))[0].message).toContain('must hold a JSON object');
        const list = project({ 'problems.arch': MODEL, '.archscope.json': '{"rules": ["spof-single-instance"]}' });
        expect((await configWarnings(join(list, 'problems.arch')))[0].message).toContain('`rules` must be an object of rule ID → severity');
    });
});

describe('the archscope.rules editor setting', () => {
    test('applies when no settings file does', async () => {
        const folder = project({ 'problems.arch': MODEL });
        services.Arch.settings.setEditorRules({ 'spof-single-instance': 'info', 'spof-autoscale-min-one': 'off' });
        expect(await severities(join(folder, 'problems.arch'))).toEqual(['spof-single-instance:info']);
    });

    test('the settings file overrides it rule by rule', async () => {
        const folder = project({ 'problems.arch': MODEL, '.archscope.json': rules({ 'spof-single-instance': 'error' }) });
        services.Arch.settings.setEditorRules({ 'spof-single-instance': 'off', 'spof-autoscale-min-one': 'off' });
        // The file names spof-single-instance: it wins. It says nothing of spof-autoscale-min-one: the editor's `off` stays.
        expect(await severities(join(folder, 'problems.arch'))).toEqual(['spof-single-instance:error']);
    });

    test('a bad editor setting is a `config` warning that names the setting', async () => {
        const folder = project({ 'problems.arch': MODEL });
        services.Arch.settings.setEditorRules({ 'spof-single-instance': 'loud' });
        const config = await configWarnings(join(folder, 'problems.arch'));
        expect(config.map(d => d.message)).toHaveLength(1);
        expect(config[0].message).toContain('The setting archscope.rules');
        expect(config[0].message).toContain('spof-single-instance');
    });
});

describe('the CLI reads the same file', () => {
    test('`check --format json` reports the severities of .archscope.json, and exits 0 once the only error is off', async () => {
        const folder = project({ 'problems.arch': MODEL });
        const before = await runCheck({ paths: [folder], format: 'json', docsFrom: process.cwd(), version: '0.0.0-test' });
        expect(before.exitCode).toBe(1);

        // A second folder: the CLI's workspace keeps the documents it loaded.
        const configured = project({ 'problems.arch': MODEL, '.archscope.json': rules({ 'spof-single-instance': 'off', 'spof-autoscale-min-one': 'info' }) });
        const after = await runCheck({ paths: [configured], format: 'json', docsFrom: process.cwd(), version: '0.0.0-test' });
        const report = JSON.parse(after.stdout) as { files: { diagnostics: { code: string; severity: string }[] }[] };
        expect(report.files[0].diagnostics.map(d => `${d.code}:${d.severity}`)).toEqual(['spof-autoscale-min-one:info']);
        expect(after.exitCode).toBe(0);
    });
});
