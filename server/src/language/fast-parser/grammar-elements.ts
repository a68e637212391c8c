/**
 * The grammar elements (keywords, rule calls, cross-references) of one rule of
 * the real grammar, looked up by what they are. The fast parser passes these
 * very objects to the CST builder, so every CST node it builds has the same
 * `grammarSource` as one built by Langium's parser (the formatter, completion,
 * hover and rename read it). A lookup that finds no element, or more than one
 * where one is meant, throws at start-up: the grammar and the fast parser
 * disagree, and the parser tests fail at once.
 */
import { AstUtils, GrammarAST, type Grammar } from 'langium';

type Element = GrammarAST.AbstractElement;

export class RuleElements {
    private readonly elements: Element[];
    // The parser asks for the same elements for every token: looked up once, then from these.
    private readonly assignments = new Map<string, GrammarAST.Assignment[]>();
    private readonly keywords = new Map<string, GrammarAST.Keyword[]>();
    private readonly keywordsOfAssignment = new Map<GrammarAST.Assignment, Map<string, GrammarAST.Keyword>>();

    constructor(readonly rule: GrammarAST.ParserRule) {
        this.elements = AstUtils.streamAllContents(rule.definition)
            .filter((node): node is Element => GrammarAST.isAbstractElement(node))
            .toArray();
        this.elements.unshift(rule.definition);
        for (const element of this.elements) {
            if (GrammarAST.isAssignment(element)) push(this.assignments, element.feature, element);
            else if (GrammarAST.isKeyword(element)) push(this.keywords, element.value, element);
        }
    }

    static of(grammar: Grammar, name: string): RuleElements {
        const rule = grammar.rules.find(r => r.name === name);
        if (!rule || !GrammarAST.isParserRule(rule)) throw new Error(`fast parser: no parser rule ${name} in the grammar`);
        return new RuleElements(rule);
    }

    /** The `n`th assignment to `feature` in the rule, in text order. */
    assignment(feature: string, n = 0): GrammarAST.Assignment {
        return this.exactly(this.assignments.get(feature)?.[n], `assignment ${n} of ${feature}`);
    }

    /** What the `n`th assignment to `feature` assigns: a rule call, a cross-reference or a keyword. */
    terminal(feature: string, n = 0): Element {
        return this.assignment(feature, n).terminal;
    }

    /** The keyword `value` of the rule; it must occur once. */
    keyword(value: string): GrammarAST.Keyword {
        const found = this.keywords.get(value) ?? [];
        if (found.length !== 1) throw new Error(`fast parser: rule ${this.rule.name} has ${found.length} keywords '${value}'`);
        return found[0];
    }

    /** The keywords under the `n`th assignment to `feature` (`mode=('async' | 'sync')`), by their text. */
    keywordsOf(feature: string, n = 0): Map<string, GrammarAST.Keyword> {
        const assignment = this.assignment(feature, n);
        let found = this.keywordsOfAssignment.get(assignment);
        if (!found) {
            const keywords = GrammarAST.isKeyword(assignment.terminal)
                ? [assignment.terminal]
                : AstUtils.streamAllContents(assignment.terminal).filter(GrammarAST.isKeyword).toArray();
            found = new Map(keywords.map(k => [k.value, k]));
            this.keywordsOfAssignment.set(assignment, found);
        }
        return found;
    }

    /** The call of rule `name` that is assigned to `feature` (`members+=Traffic`). */
    callOf(feature: string, name: string): GrammarAST.RuleCall {
        const found = this.elements.filter((e): e is GrammarAST.Assignment => GrammarAST.isAssignment(e) && e.feature === feature
            && GrammarAST.isRuleCall(e.terminal) && e.terminal.rule.ref?.name === name);
        return this.exactly(found[0]?.terminal as GrammarAST.RuleCall | undefined, `${feature}+=${name}`);
    }

    /** An unassigned call of rule `name` (`ID | KeywordName` in Name). */
    unassignedCall(name: string): GrammarAST.RuleCall {
        const found = this.elements.filter((e): e is GrammarAST.RuleCall => GrammarAST.isRuleCall(e) && e.rule.ref?.name === name
            && !GrammarAST.isAssignment(e.$container));
        return this.exactly(found[0], `call of ${name}`);
    }

    /** Every keyword of the rule (the alternatives of `NodeKind` or `KeywordName`), by their text. */
    allKeywords(): Map<string, GrammarAST.Keyword> {
        return new Map(this.elements.filter(GrammarAST.isKeyword).map(k => [k.value, k]));
    }

    private exactly<T>(found: T | undefined, what: string): T {
        if (found === undefined) throw new Error(`fast parser: rule ${this.rule.name} has no ${what}`);
        return found;
    }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
}
