/**
 * The `.archscope.json` files a client sends to the browser's server (server/src/lsp/project-configs-sent.ts):
 * a document takes the nearest one at or above its folder, as on disk; broken files say what is wrong.
 */
import { URI } from 'langium';
import { describe, expect, test } from 'vitest';
import { SentProjectConfigs } from '../../server/src/lsp/project-configs-sent.js';

const configs = new SentProjectConfigs();
const of = (uri: string) => configs.lookup(URI.parse(uri));

describe('the .archscope.json files a client sent', () => {
    test('a document takes the nearest file at or above its folder, on the same host only', () => {
        configs.set([
            { uri: 'vscode-vfs://github/acme/shop/.archscope.json', text: '{"rules": {"spof-single-zone": "off"}}' },
            { uri: 'vscode-vfs://github/acme/shop/payments/.archscope.json', text: '{"rules": {"cap-overload": "warning"}}' },
            { uri: 'vscode-vfs://github/acme/shop/notes.json', text: '{"rules": {"cap-overload": "off"}}' }
        ]);
        expect(of('vscode-vfs://github/acme/shop/design.arch')?.rules).toEqual({ 'spof-single-zone': 'off' });
        expect(of('vscode-vfs://github/acme/shop/payments/deep/er/api.arch')?.rules).toEqual({ 'cap-overload': 'warning' });
        expect(of('vscode-vfs://github/acme/other/design.arch')).toBeUndefined();
        expect(of('vscode-vfs://gitlab/acme/shop/design.arch')).toBeUndefined();
        expect(of('file:///acme/shop/design.arch')).toBeUndefined();
    });

    test('what was sent last is all there is: a file no longer sent no longer applies', () => {
        configs.set([{ uri: 'file:///w/.archscope.json', text: '{"rules": {"spof-single-zone": "off"}}' }]);
        expect(of('file:///w/a.arch')?.rules).toEqual({ 'spof-single-zone': 'off' });
        configs.set([]);
        expect(of('file:///w/a.arch')).toBeUndefined();
    });

    test('a broken file, one the client could not read, and nonsense sent are problems or ignored, never a crash', () => {
        configs.set([
            { uri: 'file:///a/.archscope.json', text: '{"rules": ' },
            { uri: 'file:///b/.archscope.json', problem: 'it is 2048 KB, too large for a settings file' },
            { uri: 'file:///c/.archscope.json', text: '{"rules": {"no-such-rule": "off", "cap-overload": "loud"}}' },
            { uri: 'file:///d/.archscope.json', text: 'x'.repeat(1024 * 1024 + 1) },
            null as never, { uri: 42 } as never, { uri: '::not a uri' } as never
        ]);
        expect(of('file:///a/x.arch')?.problems[0]).toMatch(/^\/a\/\.archscope\.json is not valid JSON/);
        expect(of('file:///b/x.arch')?.problems).toEqual(['Cannot read /b/.archscope.json: it is 2048 KB, too large for a settings file.']);
        expect(of('file:///c/x.arch')?.problems).toEqual([
            '/c/.archscope.json: `no-such-rule` is not a rule ID.',
            '/c/.archscope.json: the severity of cap-overload must be one of off, info, warning, error.'
        ]);
        expect(of('file:///d/x.arch')?.problems).toEqual(['/d/.archscope.json is 1025 KB: too large for a settings file.']);
    });
});
