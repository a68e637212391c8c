/**
 * Go to definition and find references (Langium's defaults over the
 * archscope scoping) for every kind of reference: nodes (edges, `sessions
 * store`, `failover arbiter`), zones (`zones`), tables (`ref`) and fields
 * (`shard key`), each resolved inside its own system or table.
 */
import { describe, test } from 'vitest';
import { expectFindReferences, expectGoToDefinition } from 'langium/test';
import { services } from '../helpers.js';

const goTo = expectGoToDefinition(services.Arch);
const references = expectFindReferences(services.Arch);

describe('go to definition', () => {
    test('a node named by a `sessions store` and a `failover arbiter`', async () => {
        const text = `system S {
  coordinator <|zk|> { instances 3 }
  cache <|sess|>
  service web { sessions store <|>sess }
  database db { replication primary_replica { failover arbiter <|>zk } }
}`;
        await goTo({ text, index: 0, rangeIndex: 1 });
        await goTo({ text, index: 1, rangeIndex: 0 });
    });

    const model = (body: string): string => `system S {
  zone <|east|>
  service <|web|> { zones <|>east }
  database <|db|> {
    table <|users|> { id uuid }
    table orders {
      shard key <|>buyer
      <|buyer|> ref <|>users
    }
  }
${body}
}`;

    test('a zone named by `zones`', async () => {
        await goTo({ text: model(''), index: 0, rangeIndex: 0 });
    });
    test('a field named by `shard key`', async () => {
        await goTo({ text: model(''), index: 1, rangeIndex: 4 });
    });
    test('a table named by `ref`', async () => {
        await goTo({ text: model(''), index: 2, rangeIndex: 3 });
    });
    test('nodes at both ends of an edge and along a chain', async () => {
        await goTo({ text: model('  <|>web -> <|>db -> <|>web'), index: 3, rangeIndex: 1 });
        await goTo({ text: model('  <|>web -> <|>db -> <|>web'), index: 4, rangeIndex: 2 });
        await goTo({ text: model('  <|>web -> <|>db -> <|>web'), index: 5, rangeIndex: 1 });
    });
    test('a name of another system is not a definition here', async () => {
        await goTo({ text: `system A {\n  service <|web|>\n  cache c\n  <|>web -> c\n}\nsystem B {\n  service web\n}`, index: 0, rangeIndex: 0 });
    });
});

describe('find references', () => {
    test('a node: its declaration, its edges, the store and the arbiter that name it', async () => {
        await references({
            text: `system S {\n  cache <|se<|>ss|>\n  service web { sessions store <|sess|> }\n  <|sess|> -> web\n  web -> <|sess|>\n}\nsystem T {\n  cache sess\n  service w { sessions store sess }\n}`,
            includeDeclaration: true
        });
        await references({
            text: `system S {\n  coordinator z<|>k\n  database db { replication primary_backup { failover arbiter <|zk|> } }\n  db -> <|zk|>\n}`,
            includeDeclaration: false
        });
    });
    test('a zone, a table and a field', async () => {
        await references({ text: `system S {\n  zone <|ea<|>st|>\n  service a { zones <|east|> }\n  cache b { zones <|east|> }\n}`, includeDeclaration: true });
        await references({ text: `system S {\n  database d {\n    table <|us<|>ers|> { id uuid }\n    table o { u ref <|users|>  v ref <|users|> }\n  }\n}`, includeDeclaration: true });
        await references({ text: `system S {\n  database d {\n    table t {\n      shard key <|id|>\n      <|i<|>d|> uuid\n    }\n    table u { shard key id  id uuid }\n  }\n}`, includeDeclaration: true });
    });
});
