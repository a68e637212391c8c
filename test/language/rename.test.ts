/**
 * Rename (arch-rename-provider.ts): from a declaration or a reference, every
 * reference and the declaration change; a name already taken in the same
 * scope, an invalid identifier and a word of the language are refused with a
 * message; prepareRename answers only on names.
 */
import { describe, expect, test } from 'vitest';
import { ResponseError } from 'vscode-languageserver';
import type { LangiumDocument } from 'langium';
import { applyEdits } from '../apply-edits.js';
import { services } from '../helpers.js';
import { parseText } from './format-helpers.js';

const MODEL = `system S {
  zone east
  zone west
  coordinator zk { instances 3 }
  cache sess { zones east }
  service web { sessions store sess  zones east, west }
  database db {
    replication primary_replica { failover arbiter zk }
    table users { id uuid  email text }
    table orders {
      shard key buyer
      buyer ref users
      id uuid
    }
  }
  web -> sess -> db
  web -> db
}
system Other {
  cache sess
  service web { sessions store sess }
}
`;

function position(document: LangiumDocument, text: string, word: string, occurrence = 0) {
    let index = -1;
    for (let i = 0; i <= occurrence; i++) index = text.indexOf(word, index + 1);
    if (index < 0) throw new Error(`no ${word}`);
    return document.textDocument.positionAt(index);
}

/** The text after renaming the `occurrence`-th `word` to `newName`. */
async function renamed(text: string, word: string, occurrence: number, newName: string): Promise<string> {
    const document = await parseText(text);
    const edit = await services.Arch.lsp.RenameProvider!.rename(document, {
        textDocument: { uri: document.uri.toString() }, position: position(document, text, word, occurrence), newName
    });
    const edits = edit?.changes?.[document.uri.toString()] ?? [];
    return applyEdits(text, edits);
}

async function refusal(text: string, word: string, occurrence: number, newName: string): Promise<string> {
    try {
        await renamed(text, word, occurrence, newName);
    } catch (error) {
        expect(error).toBeInstanceOf(ResponseError);
        return (error as ResponseError<unknown>).message;
    }
    throw new Error(`renaming ${word} to ${newName} was not refused`);
}

describe('rename updates the declaration and every reference', () => {
    test('a node, from its declaration: edges, the sessions store; not the same name in another system', async () => {
        const out = await renamed(MODEL, 'sess {', 0, 'sessions_cache');
        expect(out).toContain('cache sessions_cache { zones east }');
        expect(out).toContain('sessions store sessions_cache  zones');
        expect(out).toContain('web -> sessions_cache -> db');
        expect(out).toContain('system Other {\n  cache sess\n  service web { sessions store sess }');
    });

    test('a node, from a reference (the arbiter)', async () => {
        const out = await renamed(MODEL, 'zk }', 0, 'etcd');
        expect(out).toContain('coordinator etcd { instances 3 }');
        expect(out).toContain('failover arbiter etcd');
    });

    test('a zone, a table and a field', async () => {
        const zone = await renamed(MODEL, 'east', 1, 'us_east');
        expect(zone).toContain('zone us_east\n');
        expect(zone).toContain('cache sess { zones us_east }');
        expect(zone).toContain('zones us_east, west');
        const table = await renamed(MODEL, 'users', 1, 'accounts');
        expect(table).toContain('table accounts { id uuid');
        expect(table).toContain('buyer ref accounts');
        const field = await renamed(MODEL, 'buyer', 0, 'customer');
        expect(field).toContain('shard key customer\n      customer ref users');
        // The `id` of the other table is another field.
        expect(field).toContain('table users { id uuid');
    });

    test('a name may take `-` and `_`; renaming to the same name changes nothing', async () => {
        expect(await renamed(MODEL, 'web', 0, 'web-api_2')).toContain('web-api_2 -> sess -> db');
        expect(await renamed(MODEL, 'web', 0, 'web')).toBe(MODEL);
    });
});

describe('rename refuses', () => {
    test('a name already taken in the same scope', async () => {
        expect(await refusal(MODEL, 'sess {', 0, 'web')).toBe('`web` is already the name of the service node in system S: names of nodes and zones are unique within their system.');
        expect(await refusal(MODEL, 'sess {', 0, 'east')).toContain('`east` is already the name of a zone in system S');
        expect(await refusal(MODEL, 'west', 0, 'zk')).toContain('already the name of the coordinator node');
        expect(await refusal(MODEL, 'users', 0, 'orders')).toContain('`orders` is already the name of a table in system S');
        expect(await refusal(MODEL, 'buyer', 1, 'id')).toBe('`id` is already the name of a field in table orders.');
        expect(await refusal(MODEL, 'Other', 0, 'S')).toContain('`S` is already the name of a system');
    });

    test('but the same name in another scope is free', async () => {
        // `email` exists in users, not in orders; `sess` of Other may become `db` (only S has a db).
        expect(await renamed(MODEL, 'buyer', 0, 'email')).toContain('shard key email');
        expect(await renamed(MODEL, 'sess', 4, 'db')).toContain('system Other {\n  cache db\n  service web { sessions store db }');
    });

    test('an invalid identifier', async () => {
        for (const bad of ['2fast', 'with space', 'a.b', '', 'a->b', 'é']) {
            expect(await refusal(MODEL, 'web', 0, bad)).toContain('is not a valid name');
        }
    });

    test('a word of the language', async () => {
        expect(await refusal(MODEL, 'buyer', 0, 'global')).toBe('`global` is a word of the language: as a name it could read as the keyword. Choose another name.');
        expect(await refusal(MODEL, 'web', 0, 'service')).toContain('is a word of the language');
    });
});

describe('prepareRename', () => {
    test('the range of the name under the cursor, nothing on a keyword or an engine name', async () => {
        const text = 'system S {\n  database db { engine postgres }\n  service web\n  web -> db\n}\n';
        const document = await parseText(text);
        const prepare = (word: string, occurrence = 0) => services.Arch.lsp.RenameProvider!.prepareRename(document, {
            textDocument: { uri: document.uri.toString() }, position: position(document, text, word, occurrence)
        });
        expect(await prepare('db', 1)).toEqual({ start: { line: 3, character: 9 }, end: { line: 3, character: 11 } });
        expect(await prepare('web')).toEqual({ start: { line: 2, character: 10 }, end: { line: 2, character: 13 } });
        expect(await prepare('service')).toBeUndefined();
        expect(await prepare('postgres')).toBeUndefined();
    });
});

describe('version 2: clients and the new kinds are renamed with their edges', () => {
    const V2 = `system S {
  client browsers { peak 100 rps }
  search idx { shards 4 by hash }
  external payments
  service api
  browsers -> api
  api -> idx each reads
  api -> payments 1% writes
}
`;

    test('a client: its declaration and its edges', async () => {
        const out = await renamed(V2, 'browsers', 0, 'web');
        expect(out).toContain('client web { peak 100 rps }');
        expect(out).toContain('web -> api');
        expect(out).not.toContain('browsers');
    });

    test('a search node called with `each reads`, and an external node: the edge words stay', async () => {
        expect(await renamed(V2, 'idx', 1, 'index')).toContain('api -> index each reads');
        expect(await renamed(V2, 'payments', 0, 'stripe')).toContain('api -> stripe 1% writes');
    });
});
