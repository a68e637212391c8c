/**
 * Local symbols: only what a scope lookup can use. ArchScopeProvider answers
 * references to nodes, zones and tables from its own per-system maps, so the
 * only lookups that go through Langium's local symbols are `shard key FIELD`
 * ones, which resolve among the fields of their own table. Langium's default
 * walks every AST node of the file (~13,000 in a generated 1,000-node model)
 * and describes every named one; this visits systems, nodes and tables only
 * and describes their fields, in the same order. Field scopes come out the
 * same (the default's other symbols are never of type Field). Measured with
 * The scopes phase of `npm run bench -- check` on a 1,000-node model: ComputedScopes ~30 ms → ~6 ms.
 */
import {
    Cancellation, DefaultScopeComputation, interruptAndCheck, MultiMap,
    type AstNode, type AstNodeDescription, type LangiumDocument, type LocalSymbols
} from 'langium';
import type { Model } from '../generated/ast.js';

export class ArchScopeComputation extends DefaultScopeComputation {
    override async collectLocalSymbols(document: LangiumDocument, cancelToken = Cancellation.CancellationToken.None): Promise<LocalSymbols> {
        const symbols = new MultiMap<AstNode, AstNodeDescription>();
        const model = document.parseResult.value as Model;
        for (const system of model.systems ?? []) {
            await interruptAndCheck(cancelToken);
            for (const member of system.members ?? []) {
                if (member.$type !== 'Node') continue;
                for (const prop of member.props ?? []) {
                    if (prop.$type !== 'Table') continue;
                    for (const field of prop.members ?? []) {
                        if (field.$type === 'Field') this.addLocalSymbol(field, document, symbols);
                    }
                }
            }
        }
        return symbols;
    }
}
