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
 * - snippets for a new node of each kind where a node may start, a target
 *   block and a scenario where a member may start, and a whole starter system
 *   where a system may start;
 * - `cold` proposes caches and cdns that warm from something (not `policy
 *   store`), `fail` zones and nodes (not clients);
 * - where a word opens a statement and is also a name a field may take
 *   (`kind`, `shard` in a table), Langium's completion parser cannot tell
 *   which one is typed and proposes nothing after it: the words the grammar
 *   puts right after it (`kind` → `entity`, ...; `shard` → `key`) are added;
 * - when the completion parser gives up well before the cursor (a file broken
 *   further up: a `}` too many), nothing is proposed there: Langium would
 *   replay every token after the break against every way the grammar could
 *   go on, which grows without bound (it ran out of memory on a fuzzed file).
 */
import { AstUtils, GrammarAST, type AstNodeDescription, type ReferenceInfo, type Stream } from 'langium';
import {
    DefaultCompletionProvider, findNextFeatures, type CompletionAcceptor, type CompletionContext, type CompletionValueItem, type LangiumServices,
    type NextFeature
} from 'langium/lsp';
import { takesProperty } from '../language/node-properties.js';
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type CompletionList, type CompletionParams } from 'vscode-languageserver';
import { GrammarUtils, type LangiumDocument, type TextDocument } from 'langium';
import { isCold, isFail, isScenario, isFailover, isNode, isSessions } from '../language/generated/ast.js';
import { keywordDoc } from './keyword-docs.js';
import { NODE_SNIPPETS, SCENARIO_SNIPPET, SYSTEM_SNIPPET, TARGET_SNIPPET, type Snippet } from './completion-snippets.js';

/** Tokens the completion parser could not take, past which completion gives up (a statement is far shorter). */
const MAX_UNPARSED_TOKENS = 16;

export class ArchCompletionProvider extends DefaultCompletionProvider {
    /** For a statement's first word, the keywords that may come right after it (from the grammar). */
    private readonly followers: ReadonlyMap<string, readonly GrammarAST.Keyword[]>;

    constructor(services: LangiumServices) {
        super(services);
        this.followers = followingKeywords(services.Grammar);
    }

    protected override findFeaturesAt(document: TextDocument, offset: number): NextFeature[] {
        const text = document.getText({ start: { line: 0, character: 0 }, end: document.positionAt(offset) });
        const result = this.completionParser.parse(text);
        if (result.tokenIndex === 0) {
            return findNextFeatures([[this.buildSyntheticEntryRuleCall(GrammarUtils.getEntryRule(this.grammar)!)]], result.tokens);
        }
        const leftover = result.tokens.slice(result.tokenIndex);
        if (leftover.length > MAX_UNPARSED_TOKENS) return [];
        return findNextFeatures([result.elementStack.map(feature => ({ feature }))], leftover);
    }

    override async getCompletion(document: LangiumDocument, params: CompletionParams): Promise<CompletionList | undefined> {
        const list = await super.getCompletion(document, params);
        if (!list) return list;
        const text = document.textDocument.getText();
        const offset = document.textDocument.offsetAt(params.position);
        const match = /(?:^|[^\w-])([A-Za-z_][\w-]*)[ \t]+([A-Za-z_][\w-]*)?$/.exec(text.slice(Math.max(0, offset - 200), offset));
        const followers = match ? this.followers.get(match[1]) : undefined;
        if (!match || !followers || followers.some(k => list.items.some(item => item.label === k.value))) return list;
        const typed = match[2] ?? '';
        const start = document.textDocument.positionAt(offset - typed.length);
        const added: CompletionItem[] = [];
        const context = { document, textDocument: document.textDocument, features: [], tokenOffset: offset - typed.length, tokenEndOffset: offset, offset, position: params.position } satisfies CompletionContext;
        for (const keyword of followers) {
            if (!keyword.value.startsWith(typed)) continue;
            this.completionForKeyword(context, keyword, (_, value) => {
                const item = this.fillCompletionItem(context, value);
                if (item) added.push({ ...item, textEdit: { range: { start, end: params.position }, newText: item.insertText ?? item.label } });
            });
        }
        return { ...list, items: [...list.items, ...added] };
    }

    protected override filterKeyword(context: CompletionContext, keyword: GrammarAST.Keyword): boolean {
        // A word inside KeywordName is a name being typed, not a keyword to propose.
        // So is a word OtherBlockWord takes only to report it in a target or scenario block.
        const ruleName = AstUtils.getContainerOfType(keyword, GrammarAST.isParserRule)?.name;
        if (ruleName === 'KeywordName' || ruleName === 'OtherBlockWord') return false;
        // Inside a node's body, only the properties its kind takes (a client's `peak`, a cache's `policy`).
        const assignment = AstUtils.getContainerOfType(keyword, GrammarAST.isAssignment);
        const node = context.node && AstUtils.getContainerOfType(context.node, isNode);
        if (node?.kind && assignment?.feature === 'keyword' && !takesProperty(node.kind, keyword.value)) return false;
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
        } else if (rule === 'Scenario' && keyword.value === 'scenario') {
            acceptor(context, snippetItem(SCENARIO_SNIPPET));
        } else if (rule === 'Target' && keyword.value === 'target' && !AstUtils.getContainerOfType(context.node, isScenario)) {
            acceptor(context, snippetItem(TARGET_SNIPPET));
        }
    }

    protected override getReferenceCandidates(refInfo: ReferenceInfo, context: CompletionContext): Stream<AstNodeDescription> {
        const candidates = super.getReferenceCandidates(refInfo, context);
        if (isFailover(refInfo.container) && refInfo.property === 'arbiter') {
            return candidates.filter(candidate => isNode(candidate.node) && candidate.node.kind === 'coordinator');
        }
        // `cold` restarts a cache or a cdn that warms from something; `fail` takes zones and nodes, not clients.
        if (isCold(refInfo.container)) {
            return candidates.filter(candidate => isNode(candidate.node) && (candidate.node.kind === 'cache' || candidate.node.kind === 'cdn')
                && !candidate.node.props.some(prop => prop.$type === 'Policy' && prop.policy === 'store'));
        }
        if (isFail(refInfo.container)) {
            return candidates.filter(candidate => !isNode(candidate.node) || candidate.node.kind !== 'client');
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

/** Rule by rule: a statement's first word (`kind`, `shard`, ...) → the keywords of the element right after it. */
function followingKeywords(grammar: GrammarAST.Grammar): Map<string, GrammarAST.Keyword[]> {
    const map = new Map<string, GrammarAST.Keyword[]>();
    for (const rule of grammar.rules) {
        if (!GrammarAST.isParserRule(rule) || !GrammarAST.isGroup(rule.definition)) continue;
        const [first, second] = rule.definition.elements;
        const word = GrammarAST.isKeyword(first) ? first.value
            : GrammarAST.isAssignment(first) && GrammarAST.isKeyword(first.terminal) ? first.terminal.value : undefined;
        if (!word || !second) continue;
        const keywords = GrammarAST.isKeyword(second) ? [second] : AstUtils.streamAllContents(second).filter(GrammarAST.isKeyword).toArray();
        if (keywords.length > 0) map.set(word, keywords);
    }
    return map;
}
