/**
 * The reference index is described on first use (arch-index-manager.ts): it
 * must answer exactly as Langium's eager index would, and never from a
 * document that was changed or removed since.
 */
import { AstUtils, DefaultReferenceDescriptionProvider, URI, type AstNode, type LangiumDocument } from 'langium';
import { describe, expect, it } from 'vitest';
import type { Model, Node } from '../../server/src/language/generated/ast.js';
import { services } from '../helpers.js';

const { shared, Arch } = services;
const TEXT = (target: string) => `system S {
  service api { instances 2 sessions store ${target} }
  cache ${target} { instances 2 }
  database db { instances 2 replication primary_replica { failover manual } }
  api -> ${target}
  api -> db
}
`;

async function open(name: string, text: string): Promise<LangiumDocument<Model>> {
    const document = shared.workspace.LangiumDocumentFactory.fromString<Model>(text, URI.file(`/virtual/index-${name}.arch`));
    shared.workspace.LangiumDocuments.addDocument(document);
    await shared.workspace.DocumentBuilder.build([document], { validation: true });
    return document;
}

function node(document: LangiumDocument<Model>, name: string): Node {
    const found = document.parseResult.value.systems[0].members.find((m): m is Node => m.$type === 'Node' && m.name === name);
    if (!found) throw new Error(`no node ${name}`);
    return found;
}

function referencesTo(target: AstNode) {
    const path = Arch.workspace.AstNodeLocator.getAstNodePath(target);
    return shared.workspace.IndexManager.findAllReferences(target, path).toArray();
}

describe('reference index', () => {
    it('finds the same references as Langium\'s eager descriptions', async () => {
        const document = await open('same', TEXT('sessions_cache'));
        const target = node(document, 'sessions_cache');
        const eager = await new DefaultReferenceDescriptionProvider(Arch).createDescriptions(document);
        const path = Arch.workspace.AstNodeLocator.getAstNodePath(target);
        const expected = eager.filter(d => d.targetPath === path && d.targetUri.toString() === document.uri.toString());
        expect(expected).toHaveLength(2);
        expect(referencesTo(target)).toEqual(expected);
        await shared.workspace.DocumentBuilder.update([], [document.uri]);
    });

    it('forgets a removed document, and describes a rebuilt one afresh', async () => {
        const first = await open('rebuilt', TEXT('store_a'));
        const oldTarget = node(first, 'store_a');
        expect(referencesTo(oldTarget)).toHaveLength(2);
        await shared.workspace.DocumentBuilder.update([], [first.uri]);
        expect(referencesTo(oldTarget)).toEqual([]);

        const second = await open('rebuilt', TEXT('store_b').replace('api -> store_b\n', ''));
        const newTarget = node(second, 'store_b');
        const found = referencesTo(newTarget);
        expect(found).toHaveLength(1);
        expect(AstUtils.getDocument(newTarget).textDocument.getText().slice(
            second.textDocument.offsetAt(found[0].segment.range.start), second.textDocument.offsetAt(found[0].segment.range.end)
        )).toBe('store_b');
        await shared.workspace.DocumentBuilder.update([], [second.uri]);
    });
});
