/**
 * Builds the AST and CST of a parse exactly as Langium's parser does, step by
 * step: the same CST builder, the same calls of the value converter and the
 * linker, the same AST objects with their keys in the same order. What it
 * leaves out is Chevrotain: the caller (fast-parser.ts) decides the grammar's
 * alternatives itself, for input without syntax errors only. Any token it did
 * not expect throws `NOT_FAST`, and the document is parsed by Langium's parser
 * instead (with its error recovery and messages).
 *
 * Each method names the LangiumParser method it mirrors (langium 4.2,
 * lib/parser/langium-parser.js); the parser tests compare the trees of both
 * parsers node by node.
 */
import {
    AstUtils, CstNodeBuilder, CstUtils, DatatypeSymbol, GrammarAST, LeafCstNodeImpl, type AstNode, type AstReflection, type CompositeCstNode, type CstNode,
    type LangiumCoreServices, type Linker, type ValueConverter
} from 'langium';
import type { IToken, TokenType } from './tokens.js';

/** Thrown where the input is not plain valid syntax the fast parser handles; Langium's parser takes over. */
export const NOT_FAST: unique symbol = Symbol('not for the fast parser');

type Element = GrammarAST.AbstractElement;
const arrayPush = Array.prototype.push;
type Building = Record<string, unknown> & { $type: string | symbol; value?: string };

interface AssignmentOf {
    operator: '=' | '+=' | '?=';
    feature: string;
    crossReference: boolean;
}

export class TreeBuilder {
    private tokens: IToken[] = [];
    /** Index of the next token to consume. */
    private next = 0;
    private hidden: IToken[] = [];
    private nextHidden = 0;
    private cst = new CstNodeBuilder();
    private readonly stack: Building[] = [];
    /** The AST nodes in the order they were created: streamAst's order (ast-walk.ts). */
    private created: Building[] = [];
    private readonly assignments = new Map<Element, AssignmentOf | null>();
    private readonly converter: ValueConverter;
    private readonly linker: Linker;
    private readonly reflection: AstReflection;

    constructor(services: LangiumCoreServices) {
        this.converter = services.parser.ValueConverter;
        this.linker = services.references.Linker;
        this.reflection = services.shared.AstReflection;
    }

    /** LangiumParser.parse, up to the entry rule: a new CST root over `text` and its tokens. */
    begin(text: string, tokens: IToken[], hidden: IToken[]): void {
        this.cst = new CstNodeBuilder();
        this.cst.buildRootNode(text);
        this.tokens = tokens;
        this.next = 0;
        this.hidden = hidden;
        this.nextHidden = 0;
        this.stack.length = 0;
        this.created = [];
    }

    /**
     * LangiumParser.parse, after the entry rule: the trailing comments. (Its last step,
     * `linkContentToContainer`, is done by `assign` as each node is assigned to its container.)
     */
    finish(): void {
        if (this.next !== this.tokens.length) throw NOT_FAST;
        this.addHiddenBefore(Infinity);
    }

    /**
     * Lets go of the parse's tokens and CST builder. Kept until the next parse, they would be copied by
     * every young-generation collection of the check that follows (~27,000 tokens for 1,000 nodes).
     */
    release(): void {
        this.tokens = [];
        this.hidden = [];
        this.stack.length = 0;
        this.created = [];
        this.cst = new CstNodeBuilder();
    }

    /** The type of the token `ahead` tokens after the next one, or undefined past the end. */
    peek(ahead = 0): TokenType | undefined {
        return this.tokens[this.next + ahead]?.tokenType;
    }

    /** The index of the next token (for the table-member lookahead). */
    get position(): number {
        return this.next;
    }

    /** The type of the token at `index`. */
    typeAt(index: number): TokenType | undefined {
        return this.tokens[index]?.tokenType;
    }

    /** startImplementation of the entry rule: its AST node, whose CST node is the root. */
    startEntry($type: string): void {
        const node = { $type };
        this.stack.push(node);
        this.created.push(node);
    }

    /** The AST nodes of the parse in the order they were created. */
    get nodesInOrder(): readonly AstNode[] {
        return this.created as unknown as AstNode[];
    }

    /** LangiumParser.consume: a leaf for the next token, which must be of `type`, and its assignment. */
    consume(type: TokenType, feature: Element): void {
        const token = this.tokens[this.next];
        if (token === undefined || token.tokenType !== type) throw NOT_FAST;
        this.next++;
        this.addHiddenBefore(token.startOffset);
        const leaf = this.leaf(token, feature);
        const assignment = this.assignmentOf(feature);
        const current = this.current;
        // (GrammarAST.isKeyword asks the reflection about subtypes; a Keyword has none.)
        const keyword = feature.$type === 'Keyword';
        if (assignment) {
            const value = keyword ? token.image : this.converter.convert(token.image, leaf);
            this.assign(assignment, value, leaf);
        } else if (current.$type === DatatypeSymbol) {
            current.value += keyword ? token.image : String(this.converter.convert(token.image, leaf));
        }
    }

    /**
     * LangiumParser.subrule with startImplementation and construct: the call of a rule
     * (`feature` is the rule call or cross-reference) whose body `parse` consumes its tokens.
     * `$type` is the rule's type, or undefined for a data type rule (Name, NodeKind).
     */
    call(feature: Element, $type: string | undefined, parse: () => void): void {
        const cstNode = this.cst.buildCompositeNode(feature);
        const node: Building = $type === undefined ? { $type: DatatypeSymbol, value: '' } : { $type };
        this.stack.push(node);
        if ($type !== undefined) this.created.push(node);
        parse();
        const result = this.construct();
        // Langium asks `cstNode.length > 0`, which walks to the first and last leaf; here every rule
        // takes a token, and a node with a token has a length.
        if (cstNode.content.length > 0) this.assignResult(result, feature, cstNode);
    }

    /**
     * CstNodeBuilder.buildLeafNode, the same leaf with its fields set in the same order. Its content
     * array's `push(...items)` (which sets `container` on each item and copies the arguments twice) was
     * ~8% of a parse for one item at a time; this sets `container` and pushes the one item.
     */
    private leaf(token: IToken, feature: Element): LeafCstNodeImpl {
        const parent = this.cst.current;
        const leaf = new LeafCstNodeImpl(token.startOffset, token.image.length, CstUtils.tokenToRange(token), token.tokenType, false);
        leaf.grammarSource = feature;
        leaf.root = parent.root;
        leaf.container = parent;
        arrayPush.call(parent.content, leaf);
        return leaf;
    }

    /** LangiumParser.construct: the finished AST node (or the data type rule's value). */
    construct(): unknown {
        const node = this.stack.pop();
        if (!node) throw NOT_FAST;
        this.cst.construct(node as unknown as Parameters<CstNodeBuilder['construct']>[0]);
        if (node.$type === DatatypeSymbol) return this.converter.convert(node.value ?? '', node.$cstNode as CstNode);
        AstUtils.assignMandatoryProperties(this.reflection, node as unknown as AstNode);
        return node;
    }

    private get current(): Building {
        const node = this.stack[this.stack.length - 1];
        if (!node) throw NOT_FAST;
        return node;
    }

    /** LangiumParser.performSubruleAssignment, for the grammars' two cases here (no unassigned object rules). */
    private assignResult(result: unknown, feature: Element, cstNode: CompositeCstNode): void {
        const assignment = this.assignmentOf(feature);
        if (assignment) {
            this.assign(assignment, result, cstNode);
            return;
        }
        const current = this.current;
        if (current.$type !== DatatypeSymbol) throw NOT_FAST;
        current.value += String(result);
    }

    /**
     * LangiumParser.assign, and for an AST node what linkContentToContainer does to it after the
     * parse: `$container`, `$containerProperty` and (in a list) `$containerIndex`, added last as
     * there. (Linking them all after the parse walks every node's entries again: ~14% of a parse.)
     */
    private assign(assignment: AssignmentOf, value: unknown, cstNode: CstNode): void {
        const node = this.current;
        const item = assignment.crossReference && typeof value === 'string'
            ? this.linker.buildReference(node as unknown as AstNode, assignment.feature, cstNode, value)
            : value;
        const child = typeof item === 'object' && item !== null && typeof (item as Building).$type === 'string'
            ? item as Building : undefined;
        switch (assignment.operator) {
            case '=':
                node[assignment.feature] = item;
                if (child) {
                    child.$container = node;
                    child.$containerProperty = assignment.feature;
                }
                break;
            case '?=':
                node[assignment.feature] = true;
                break;
            case '+=': {
                let list = node[assignment.feature] as unknown[] | undefined;
                if (!Array.isArray(list)) node[assignment.feature] = list = [];
                if (child) {
                    child.$container = node;
                    child.$containerProperty = assignment.feature;
                    child.$containerIndex = list.length;
                }
                list.push(item);
            }
        }
    }

    /** LangiumParser.getAssignment. */
    private assignmentOf(feature: Element): AssignmentOf | null {
        let found = this.assignments.get(feature);
        if (found === undefined) {
            const assignment = AstUtils.getContainerOfType(feature, GrammarAST.isAssignment);
            found = assignment
                ? {
                    operator: assignment.operator,
                    feature: assignment.feature,
                    crossReference: GrammarAST.isCrossReference(assignment.terminal) && !assignment.terminal.isMulti
                }
                : null;
            this.assignments.set(feature, found);
        }
        return found;
    }

    /**
     * LangiumParser.extractHiddenTokens with the CST builder's addHiddenNodes: the comments
     * before `offset` go into the CST where Langium puts them (there are usually none).
     */
    private addHiddenBefore(offset: number): void {
        const from = this.nextHidden;
        let to = from;
        while (to < this.hidden.length && this.hidden[to].startOffset < offset) to++;
        if (to === from) return;
        this.nextHidden = to;
        this.cst.addHiddenNodes(this.hidden.slice(from, to));
    }
}
