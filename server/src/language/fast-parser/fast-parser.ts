/**
 * A recursive-descent parser for arch.langium, for text without syntax errors.
 *
 * Why: Langium's parser runs on Chevrotain, and for a generated 1,000-node
 * model its parse was ~89 ms, half of the whole check: an ALL(*) prediction,
 * a closure and an object per alternative at every rule entry, and the garbage
 * they leave. Here each decision is one or two token comparisons (the grammar
 * is LL(2) but for a table's members, see table-members.ts), and the trees are
 * built by TreeBuilder exactly as Langium builds them: ~55 ms, of which ~7 ms
 * is Langium's lexer (docs/parsing.md).
 *
 * It never reports an error: on anything it does not expect it gives up
 * (returns undefined) and the caller parses with Langium's parser, whose error
 * recovery and messages stay as they were. So a document that parses here is
 * one Langium's parser parses without an error, into the same tree; the parser
 * tests check both on the examples, the fixtures and thousands of mutations.
 *
 * The methods are the rules of arch.langium, in its order.
 */
import type { GrammarAST, LangiumCoreServices, Lexer, ParseResult } from 'langium';
import type { TokenType } from './tokens.js';
import type { Model } from '../generated/ast.js';
import { rememberAstNodesInOrder } from '../ast-walk.js';
import { RuleElements } from './grammar-elements.js';
import { tableMemberAt, type TableMemberKind, type TableTokens } from './table-members.js';
import { NOT_FAST, TreeBuilder } from './tree-builder.js';

type Keyword = GrammarAST.Keyword;
type Element = GrammarAST.AbstractElement;
/** A rule of the grammar with a leading `keyword='…'`: its type and the parse of what follows the keyword. */
interface KeywordRule {
    type: string;
    keyword: Keyword;
    feature: Element;
    rest: () => void;
}

export class ArchFastParser {
    private readonly lexer: Lexer;
    private readonly tree: TreeBuilder;
    private readonly types: Record<string, TokenType>;
    private readonly id: TokenType;
    private readonly number: TokenType;
    private readonly string: TokenType;
    private readonly keywordNames: Map<TokenType, Keyword>;
    private readonly nodeKinds: Map<TokenType, Keyword>;
    private readonly trafficProps: Map<TokenType, KeywordRule>;
    private readonly nodeProps: Map<TokenType, KeywordRule>;
    private readonly replicationProps: Map<TokenType, KeywordRule>;
    private readonly tableTokens: TableTokens;
    private readonly memberCalls: Record<'Traffic' | 'Zone' | 'Node' | 'Edge', Element>;
    private readonly tableMemberCalls: Record<TableMemberKind, Element>;
    private readonly r: ReturnType<typeof lookUpRules>;

    constructor(services: LangiumCoreServices) {
        this.lexer = services.parser.Lexer;
        this.tree = new TreeBuilder(services);
        this.types = this.lexer.definition as Record<string, TokenType>;
        this.id = this.type('ID');
        this.number = this.type('NUMBER');
        this.string = this.type('STRING');
        this.r = lookUpRules(services);
        this.keywordNames = this.byToken(this.r.KeywordName.allKeywords());
        this.nodeKinds = this.byToken(this.r.NodeKind.allKeywords());
        const r = this.r;
        this.trafficProps = this.keywordRules(r.Traffic, 'props', {
            Peak: () => this.quantity(r.Peak.terminal('rate')),
            Reads: () => this.percent(r.Reads.terminal('share')),
            Keys: () => this.keys(),
            Think: () => this.quantity(r.Think.terminal('time'))
        });
        this.nodeProps = this.keywordRules(r.Node, 'props', {
            Instances: () => this.instances(),
            Autoscale: () => this.autoscale(),
            Capacity: () => this.quantity(r.Capacity.terminal('rate')),
            Latency: () => this.quantity(r.Latency.terminal('time')),
            Availability: () => this.percent(r.Availability.terminal('share')),
            Zones: () => this.zones(),
            Sessions: () => this.sessions(),
            Hit: () => this.percent(r.Hit.terminal('share')),
            Algorithm: () => this.oneOf(r.Algorithm, 'algorithm'),
            Sticky: () => this.oneOf(r.Sticky, 'value'),
            Health: () => this.health(),
            Routing: () => this.oneOf(r.Routing, 'routing'),
            Engine: () => this.engine(),
            Label: () => this.tree.consume(this.string, r.Label.terminal('text')),
            Replication: () => this.replication(),
            Shards: () => this.shards(),
            Table: () => this.table()
        });
        this.replicationProps = this.keywordRules(r.Replication, 'props', {
            Replicas: () => this.numberOrInvalid(r.Replicas, 'count', 0),
            Lag: () => this.quantity(r.Lag.terminal('time')),
            Mode: () => this.oneOf(r.Mode, 'mode'),
            Failover: () => this.failover()
        });
        this.tableTokens = this.tableTokenTests();
        this.memberCalls = {
            Traffic: r.System.callOf('members', 'Traffic'), Zone: r.System.callOf('members', 'Zone'),
            Node: r.System.callOf('members', 'Node'), Edge: r.System.callOf('members', 'Edge')
        };
        this.tableMemberCalls = {
            TableKind: r.Table.callOf('members', 'TableKind'), Global: r.Table.callOf('members', 'Global'),
            ShardKey: r.Table.callOf('members', 'ShardKey'), Field: r.Table.callOf('members', 'Field')
        };
    }

    /** The tree of `text` as Langium's parser would build it, or undefined if the fast parser leaves it to that parser. */
    parse(text: string): ParseResult<Model> | undefined {
        const lexed = this.lexer.tokenize(text);
        if (lexed.errors.length > 0) return undefined;
        try {
            this.tree.begin(text, lexed.tokens, lexed.hidden);
            const model = this.model();
            rememberAstNodesInOrder(model, this.tree.nodesInOrder);
            return { value: model, parserErrors: [], lexerErrors: [], lexerReport: lexed.report };
        } catch (error) {
            if (error === NOT_FAST) return undefined;
            throw error;
        } finally {
            this.tree.release();
        }
    }

    // Model: systems+=System*;
    private model(): Model {
        this.tree.startEntry('Model');
        const system = this.type('system');
        while (this.tree.peek() === system) this.tree.call(this.r.Model.terminal('systems'), 'System', () => this.system());
        const model = this.tree.construct() as Model;
        this.tree.finish();
        return model;
    }

    // System: 'system' name=Name '{' (members+=Traffic | members+=Zone | members+=Node | members+=Edge)* '}';
    private system(): void {
        const r = this.r.System;
        this.keyword(r, 'system');
        this.name(r.terminal('name'));
        this.keyword(r, '{');
        const close = this.type('}');
        const traffic = this.type('traffic');
        const zone = this.type('zone');
        const arrow = this.type('->');
        for (let next = this.tree.peek(); next !== close; next = this.tree.peek()) {
            const second = this.tree.peek(1);
            // Each alternative is told by its first two tokens: only an edge has `->` second.
            if (next === traffic && second === this.type('{')) {
                this.tree.call(this.memberCalls.Traffic, 'Traffic', () => this.traffic());
            } else if (next === zone && second !== arrow) {
                this.tree.call(this.memberCalls.Zone, 'Zone', () => this.zone());
            } else if (next !== undefined && this.nodeKinds.has(next) && second !== arrow) {
                this.tree.call(this.memberCalls.Node, 'Node', () => this.node());
            } else if (this.isName(next) && second === arrow) {
                this.tree.call(this.memberCalls.Edge, 'Edge', () => this.edge());
            } else {
                throw NOT_FAST;
            }
        }
        this.keyword(r, '}');
    }

    // Traffic: {infer Traffic} 'traffic' '{' (props+=Peak | props+=Reads | props+=Keys | props+=Think)* '}';
    // (The action sets the $type the node already has.)
    private traffic(): void {
        const r = this.r.Traffic;
        this.keyword(r, 'traffic');
        this.keyword(r, '{');
        this.keywordRuleLoop(this.trafficProps);
        this.keyword(r, '}');
    }

    // Keys: keyword='keys' (count=NUMBER | invalid+=ID) ('zipf' (zipf=NUMBER | invalid+=ID))?;
    private keys(): void {
        const r = this.r.Keys;
        this.numberOrInvalid(r, 'count', 0);
        if (this.tree.peek() === this.type('zipf')) {
            this.keyword(r, 'zipf');
            this.numberOrInvalid(r, 'zipf', 1);
        }
    }

    // Zone: 'zone' name=Name;
    private zone(): void {
        this.keyword(this.r.Zone, 'zone');
        this.name(this.r.Zone.terminal('name'));
    }

    // Node: kind=NodeKind name=Name ('{' (props+=Instances | … | props+=Table)* '}')?;
    private node(): void {
        const r = this.r.Node;
        this.tree.call(r.terminal('kind'), undefined, () => this.keywordOf(this.nodeKinds));
        this.name(r.terminal('name'));
        if (this.tree.peek() === this.type('{')) {
            this.keyword(r, '{');
            this.keywordRuleLoop(this.nodeProps);
            this.keyword(r, '}');
        }
    }

    // Instances: keyword='instances' (count=NUMBER | invalid+=ID) (mode=('active_active' | 'active_passive'))?;
    private instances(): void {
        const r = this.r.Instances;
        this.numberOrInvalid(r, 'count', 0);
        const mode = r.keywordsOf('mode');
        const next = this.tree.peek();
        const keyword = next && mode.get(next.name);
        if (next && keyword) this.tree.consume(next, keyword);
    }

    // Autoscale: keyword='autoscale' (min=NUMBER | invalid+=ID) '..' (max=NUMBER | invalid+=ID);
    private autoscale(): void {
        const r = this.r.Autoscale;
        this.numberOrInvalid(r, 'min', 0);
        this.keyword(r, '..');
        this.numberOrInvalid(r, 'max', 1);
    }

    // Zones: keyword='zones' zones+=[Zone:Name] (',' zones+=[Zone:Name])*;
    private zones(): void {
        const r = this.r.Zones;
        this.name(r.terminal('zones', 0));
        while (this.tree.peek() === this.type(',')) {
            this.keyword(r, ',');
            this.name(r.terminal('zones', 1));
        }
    }

    // Sessions: keyword='sessions' (mode=('none' | 'local' | 'cookie') | mode='store' store=[Node:Name] | invalid+=ID);
    private sessions(): void {
        this.wordAndNameOrOneOf(this.r.Sessions, 'mode', 'store', 'store');
    }

    // Health: keyword='health' 'every' interval=Quantity;
    private health(): void {
        this.keyword(this.r.Health, 'every');
        this.quantity(this.r.Health.terminal('interval'));
    }

    // Engine: keyword='engine' (name=Name | text=STRING);
    private engine(): void {
        const r = this.r.Engine;
        if (this.tree.peek() === this.string) this.tree.consume(this.string, r.terminal('text'));
        else this.name(r.terminal('name'));
    }

    // Replication: keyword='replication' (topology=(…) | invalid+=ID) ('{' (props+=Replicas | …)* '}')?;
    private replication(): void {
        const r = this.r.Replication;
        this.oneOf(r, 'topology');
        if (this.tree.peek() === this.type('{')) {
            this.keyword(r, '{');
            this.keywordRuleLoop(this.replicationProps);
            this.keyword(r, '}');
        }
    }

    // Failover: keyword='failover' (method=('manual' | 'interconnect' | 'probe') | method='arbiter' arbiter=[Node:Name] | invalid+=ID);
    private failover(): void {
        this.wordAndNameOrOneOf(this.r.Failover, 'method', 'arbiter', 'arbiter');
    }

    // Shards: keyword='shards' (count=NUMBER | invalid+=ID) 'by' (strategy=(…) | invalid+=ID);
    private shards(): void {
        const r = this.r.Shards;
        this.numberOrInvalid(r, 'count', 0);
        this.keyword(r, 'by');
        this.oneOf(r, 'strategy', 1);
    }

    // Table: keyword='table' name=Name ('{' (members+=TableKind | members+=Global | members+=ShardKey | members+=Field)* '}')?;
    private table(): void {
        const r = this.r.Table;
        this.name(r.terminal('name'));
        if (this.tree.peek() !== this.type('{')) return;
        this.keyword(r, '{');
        const close = this.type('}');
        while (this.tree.peek() !== close) {
            const member = tableMemberAt(this.tableTokens, this.tree.position);
            if (!member) throw NOT_FAST;
            this.tree.call(this.tableMemberCalls[member], member, () => this.tableMember(member));
        }
        this.keyword(r, '}');
    }

    private tableMember(member: TableMemberKind): void {
        const r = this.r;
        switch (member) {
            // TableKind: keyword='kind' (kind=('entity' | 'session' | 'log' | 'draft') | invalid+=ID);
            case 'TableKind':
                this.keyword(r.TableKind, 'kind');
                this.oneOf(r.TableKind, 'kind');
                return;
            // Global: keyword='global';
            case 'Global':
                this.keyword(r.Global, 'global');
                return;
            // ShardKey: keyword='shard' 'key' field=[Field:Name];
            case 'ShardKey':
                this.keyword(r.ShardKey, 'shard');
                this.keyword(r.ShardKey, 'key');
                this.name(r.ShardKey.terminal('field'));
                return;
            // Field: name=Name type=FieldType (unique?='unique')?;
            case 'Field':
                this.name(r.Field.terminal('name'));
                this.tree.call(r.Field.terminal('type'), 'FieldType', () => this.fieldType());
                // Always the flag, never the next field's name (table-members.ts).
                if (this.tree.peek() === this.type('unique')) this.keyword(r.Field, 'unique');
        }
    }

    // FieldType: primitive=(…) | primitive='ref' table=[Table:Name] | invalid+=ID;
    private fieldType(): void {
        this.wordAndNameOrOneOf(this.r.FieldType, 'primitive', 'ref', 'table');
    }

    // Edge: from=[Node:Name] steps+=EdgeStep+;
    private edge(): void {
        const r = this.r.Edge;
        this.name(r.terminal('from'));
        const arrow = this.type('->');
        do this.tree.call(r.terminal('steps'), 'EdgeStep', () => this.edgeStep());
        while (this.tree.peek() === arrow);
    }

    // EdgeStep: '->' to=[Node:Name] share=Share?;
    private edgeStep(): void {
        const r = this.r.EdgeStep;
        this.keyword(r, '->');
        this.name(r.terminal('to'));
        if (this.tree.peek() === this.number) {
            this.tree.call(r.terminal('share'), 'Share', () => {
                // Share: value=NUMBER '%';
                this.tree.consume(this.number, this.r.Share.terminal('value'));
                this.keyword(this.r.Share, '%');
            });
        }
    }

    // Quantity: value=NUMBER unit=ID? | invalid+=ID;
    // (A unit word is always taken: nothing that can follow a quantity starts with a plain word.)
    private quantity(feature: Element): void {
        this.tree.call(feature, 'Quantity', () => {
            const r = this.r.Quantity;
            if (this.tree.peek() === this.number) {
                this.tree.consume(this.number, r.terminal('value'));
                if (this.tree.peek() === this.id) this.tree.consume(this.id, r.terminal('unit'));
            } else {
                this.tree.consume(this.id, r.terminal('invalid'));
            }
        });
    }

    // Percent: value=NUMBER '%' | invalid+=ID;
    private percent(feature: Element): void {
        this.tree.call(feature, 'Percent', () => {
            const r = this.r.Percent;
            if (this.tree.peek() === this.number) {
                this.tree.consume(this.number, r.terminal('value'));
                this.keyword(r, '%');
            } else {
                this.tree.consume(this.id, r.terminal('invalid'));
            }
        });
    }

    // Name returns string: ID | KeywordName;   (called for names and for every reference)
    private name(feature: Element): void {
        this.tree.call(feature, undefined, () => {
            if (this.tree.peek() === this.id) this.tree.consume(this.id, this.r.nameId);
            else this.tree.call(this.r.nameKeyword, undefined, () => this.keywordOf(this.keywordNames));
        });
    }

    /** `(feature=NUMBER | invalid+=ID)`, the `invalid` assignment being the `invalidIndex`th of the rule. */
    private numberOrInvalid(r: RuleElements, feature: string, invalidIndex: number): void {
        if (this.tree.peek() === this.number) this.tree.consume(this.number, r.terminal(feature));
        else this.tree.consume(this.id, r.terminal('invalid', invalidIndex));
    }

    /** `(feature=('a' | 'b' | …) | invalid+=ID)`: one of the words, or any other plain word. */
    private oneOf(r: RuleElements, feature: string, invalidIndex = 0): void {
        const next = this.tree.peek();
        const keyword = next && r.keywordsOf(feature).get(next.name);
        if (next && keyword) this.tree.consume(next, keyword);
        else this.tree.consume(this.id, r.terminal('invalid', invalidIndex));
    }

    /**
     * `feature=('a' | …) | feature='word' name=[X:Name] | invalid+=ID` (sessions store, failover arbiter,
     * ref): the word and a name, or one of the other words, or a stray word.
     */
    private wordAndNameOrOneOf(r: RuleElements, feature: string, word: string, nameFeature: string): void {
        const next = this.tree.peek();
        if (next !== this.type(word)) {
            this.oneOf(r, feature);
            return;
        }
        const keyword = r.keywordsOf(feature, 1).get(word);
        if (!keyword) throw new Error(`fast parser: rule ${r.rule.name} has no ${feature}='${word}'`);
        this.tree.consume(next, keyword);
        this.name(r.terminal(nameFeature));
    }

    /** The next token, which must be one of `keywords` (for NodeKind and KeywordName). */
    private keywordOf(keywords: Map<TokenType, Keyword>): void {
        const next = this.tree.peek();
        const keyword = next && keywords.get(next);
        if (!next || !keyword) throw NOT_FAST;
        this.tree.consume(next, keyword);
    }

    /** `(props+=A | props+=B | …)*` where each rule starts with its own `keyword='…'`. */
    private keywordRuleLoop(rules: Map<TokenType, KeywordRule>): void {
        for (let next = this.tree.peek(); next !== undefined; next = this.tree.peek()) {
            const rule = rules.get(next);
            if (!rule) return;
            this.tree.call(rule.feature, rule.type, () => {
                this.tree.consume(next, rule.keyword);
                rule.rest();
            });
        }
    }

    private keyword(r: RuleElements, value: string): void {
        this.tree.consume(this.type(value), r.keyword(value));
    }

    private isName(type: TokenType | undefined): boolean {
        return type !== undefined && (type === this.id || this.keywordNames.has(type));
    }

    private type(name: string): TokenType {
        const type = this.types[name];
        if (!type) throw new Error(`fast parser: the lexer has no token ${name}`);
        return type;
    }

    private byToken(keywords: Map<string, Keyword>): Map<TokenType, Keyword> {
        return new Map([...keywords].map(([value, keyword]) => [this.type(value), keyword]));
    }

    /** The rules called from `owner` as `feature+=Rule`, each starting with its `keyword='word'`, by that word's token. */
    private keywordRules(owner: RuleElements, feature: string, rests: Record<string, () => void>): Map<TokenType, KeywordRule> {
        const rules = new Map<TokenType, KeywordRule>();
        for (const [name, rest] of Object.entries(rests)) {
            const rule = RuleElements.of(owner.rule.$container, name);
            const keyword = rule.terminal('keyword') as Keyword;
            rules.set(this.type(keyword.value), { type: name, keyword, feature: owner.callOf(feature, name), rest });
        }
        return rules;
    }

    private tableTokenTests(): TableTokens {
        const kinds = new Set([...this.r.TableKind.keywordsOf('kind').keys()].map(k => this.type(k)));
        const primitives = new Set([...this.r.FieldType.keywordsOf('primitive', 0).keys()].map(k => this.type(k)));
        return {
            typeAt: index => this.tree.typeAt(index),
            isName: type => this.isName(type),
            isId: type => type === this.id,
            isTableKind: type => type !== undefined && kinds.has(type),
            isPrimitive: type => type !== undefined && primitives.has(type),
            is: (type, keyword) => type === this.type(keyword)
        };
    }
}

/** The grammar's rules the fast parser follows, looked up once. */
function lookUpRules(services: LangiumCoreServices) {
    const grammar = services.Grammar;
    const rule = (name: string) => RuleElements.of(grammar, name);
    const Name = rule('Name');
    const rules = {
        Model: rule('Model'), System: rule('System'), Traffic: rule('Traffic'), Peak: rule('Peak'), Reads: rule('Reads'),
        Keys: rule('Keys'), Think: rule('Think'), Zone: rule('Zone'), Node: rule('Node'), NodeKind: rule('NodeKind'),
        Instances: rule('Instances'), Autoscale: rule('Autoscale'), Capacity: rule('Capacity'), Latency: rule('Latency'),
        Availability: rule('Availability'), Zones: rule('Zones'), Sessions: rule('Sessions'), Hit: rule('Hit'),
        Algorithm: rule('Algorithm'), Sticky: rule('Sticky'), Health: rule('Health'), Routing: rule('Routing'),
        Engine: rule('Engine'), Label: rule('Label'), Replication: rule('Replication'), Replicas: rule('Replicas'),
        Lag: rule('Lag'), Mode: rule('Mode'), Failover: rule('Failover'), Shards: rule('Shards'), Table: rule('Table'),
        TableKind: rule('TableKind'), Global: rule('Global'), ShardKey: rule('ShardKey'), Field: rule('Field'),
        FieldType: rule('FieldType'), Edge: rule('Edge'), EdgeStep: rule('EdgeStep'), Quantity: rule('Quantity'),
        Percent: rule('Percent'), Share: rule('Share'), Name, KeywordName: rule('KeywordName'),
        nameId: Name.unassignedCall('ID'),
        nameKeyword: Name.unassignedCall('KeywordName')
    };
    return rules;
}

