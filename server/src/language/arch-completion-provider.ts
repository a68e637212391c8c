/**
 * Completion (docs/editor.md, "Completion"). Langium's default proposes the
 * keywords the grammar allows at the cursor and the names a reference may
 * take (nodes after `->` and `store`, zones after `zones`, fields of the same
 * table after `shard key`, tables after `ref`, scoped as the linker scopes
 * them). On top of it:
 * - the language's words that a name may reuse (`Name: ID | KeywordName`)
 *   are not proposed where a new name is typed: they are names there;
 * - enum values (algorithms, topologies, ...) are EnumMembers and every word
 *   carries its explanation (keyword-docs.ts);
 * - `failover arbiter` proposes coordinators only; `sessions store` not the
 *   node itself;
 * - snippets for a new node of each kind where a node may start, and a whole
 *   starter system where a system may start.
 */
import { AstUtils, GrammarAST, type AstNodeDescription, type ReferenceInfo, type Stream } from 'langium';
import { DefaultCompletionProvider, type CompletionAcceptor, type CompletionContext, type CompletionValueItem } from 'langium/lsp';
import { CompletionItemKind, InsertTextFormat } from 'vscode-languageserver';
import { isFailover, isNode, isSessions } from './generated/ast.js';
import { keywordDoc } from './keyword-docs.js';
import { NODE_SNIPPETS, SYSTEM_SNIPPET, type Snippet } from './completion-snippets.js';

export class ArchCompletionProvider extends DefaultCompletionProvider {
    protected override filterKeyword(context: CompletionContext, keyword: GrammarAST.Keyword): boolean {
        // A word inside KeywordName is a name being typed, not a keyword to propose.
        if (AstUtils.getContainerOfType(keyword, GrammarAST.isParserRule)?.name === 'KeywordName') return false;
        return super.filterKeyword(context, keyword);
    }

    protected override completionForKeyword(context: CompletionContext, keyword: GrammarAST.Keyword, acceptor: CompletionAcceptor): void {
        if (!this.filterKeyword(context, keyword)) return;
        const rule = AstUtils.getContainerOfType(keyword, GrammarAST.isParserRule)?.name;
        const doc = keywordDoc(keyword.value, rule);
        acceptor(context, {
            label: keyword.value,
            kind: isEnumValue(keyword) ? CompletionItemKind.EnumMember : CompletionItemKind.Keyword,
            detail: isEnumValue(keyword) ? `${rule ?? ''} value`.trim() : 'Keyword',
            documentation: doc ? { kind: 'markdown', value: doc } : undefined,
            sortText: '1'
        });
        if (rule === 'NodeKind') {
            const snippet = NODE_SNIPPETS[keyword.value];
            if (snippet) acceptor(context, snippetItem(snippet));
        } else if (rule === 'System' && keyword.value === 'system') {
            acceptor(context, snippetItem(SYSTEM_SNIPPET));
        }
    }

    protected override getReferenceCandidates(refInfo: ReferenceInfo, context: CompletionContext): Stream<AstNodeDescription> {
        const candidates = super.getReferenceCandidates(refInfo, context);
        if (isFailover(refInfo.container) && refInfo.property === 'arbiter') {
            return candidates.filter(candidate => isNode(candidate.node) && candidate.node.kind === 'coordinator');
        }
        if (isSessions(refInfo.container) && refInfo.property === 'store') {
            const self = AstUtils.getContainerOfType(refInfo.container, isNode);
            return candidates.filter(candidate => candidate.node !== self);
        }
        return candidates;
    }

    protected override createReferenceCompletionItem(description: AstNodeDescription, refInfo: ReferenceInfo, context: CompletionContext): CompletionValueItem {
        const item = super.createReferenceCompletionItem(description, refInfo, context);
        const node = description.node;
        const kind = isNode(node) ? CompletionItemKind.Class
            : description.type === 'Zone' ? CompletionItemKind.Module
                : description.type === 'Table' ? CompletionItemKind.Struct
                    : description.type === 'Field' ? CompletionItemKind.Field : item.kind;
        return { ...item, kind, detail: isNode(node) ? node.kind : description.type.toLowerCase() };
    }
}

/** A value of a fixed set (`algorithm=('random' | ...)`), as opposed to a word that starts a statement. */
function isEnumValue(keyword: GrammarAST.Keyword): boolean {
    const assignment = AstUtils.getContainerOfType(keyword, GrammarAST.isAssignment);
    if (assignment) return assignment.operator === '=' && assignment.feature !== 'keyword';
    return false;
}

function snippetItem(snippet: Snippet): CompletionValueItem {
    return {
        label: snippet.label,
        kind: CompletionItemKind.Snippet,
        insertText: snippet.body,
        insertTextFormat: InsertTextFormat.Snippet,
        detail: snippet.detail,
        documentation: { kind: 'markdown', value: '```arch\n' + snippet.preview + '\n```' },
        // After the keyword of the same name: the plain word stays the first choice.
        sortText: '2'
    };
}
