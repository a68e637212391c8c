/**
 * Document symbols (arch-document-symbol-provider.ts), the outline: system →
 * traffic, zones, nodes → tables → fields, with sensible kinds and details;
 * nothing for an engine name or an edge.
 */
import { describe, expect, test } from 'vitest';
import { expectSymbols } from 'langium/test';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import { services } from '../helpers.js';

const TEXT = `system Shop {
  traffic { peak 900 rps }
  zone east
  service web { engine node instances 2 }
  database db {
    engine postgres
    table users {
      kind session
      id uuid
      owner ref users
    }
  }
  web -> db
}
system Other {
  cache c
}`;

type Outline = [string, SymbolKind, string | undefined, Outline[]?];

function outline(symbols: DocumentSymbol[]): Outline[] {
    return symbols.map(s => (s.children ? [s.name, s.kind, s.detail, outline(s.children)] : [s.name, s.kind, s.detail]));
}

describe('document symbols', () => {
    test('system → traffic, zones, nodes → tables → fields', async () => {
        await expectSymbols(services.Arch)({
            text: TEXT,
            assert: symbols => expect(outline(symbols)).toEqual([
                ['Shop', SymbolKind.Namespace, 'system', [
                    ['traffic', SymbolKind.Event, 'peak 900 rps'],
                    ['east', SymbolKind.Module, 'zone'],
                    ['web', SymbolKind.Class, 'service'],
                    ['db', SymbolKind.Class, 'database', [
                        ['users', SymbolKind.Struct, 'table · session', [
                            ['id', SymbolKind.Field, 'uuid'],
                            ['owner', SymbolKind.Field, 'ref users']
                        ]]
                    ]]
                ]],
                ['Other', SymbolKind.Namespace, 'system', [['c', SymbolKind.Class, 'cache']]]
            ])
        });
    });

    test('the selection range is the name, the range the whole declaration', async () => {
        await expectSymbols(services.Arch)({
            text: 'system S {\n  cache c {\n    instances 2\n  }\n}',
            assert: symbols => {
                const cache = symbols[0].children![0];
                expect(cache.selectionRange).toEqual({ start: { line: 1, character: 8 }, end: { line: 1, character: 9 } });
                expect(cache.range).toEqual({ start: { line: 1, character: 2 }, end: { line: 3, character: 3 } });
            }
        });
    });

    test('a half-typed declaration is left out, the rest stays', async () => {
        await expectSymbols(services.Arch)({
            text: 'system S {\n  service\n  cache c\n}',
            assert: symbols => expect(symbols.length).toBe(1)
        });
    });
});

describe('version 2 in the outline', () => {
    test('clients beside the nodes, with their kind in the detail; search and external nodes', async () => {
        await expectSymbols(services.Arch)({
            text: `system S {
  client browsers { peak 100 rps }
  search idx
  external payments
}`,
            assert: symbols => {
                const names = (symbols[0].children ?? []).map(s => [s.name, s.detail]);
                expect(names).toEqual(expect.arrayContaining([['browsers', expect.stringContaining('client')], ['idx', expect.stringContaining('search')], ['payments', expect.stringContaining('external')]]));
            }
        });
    });
});
