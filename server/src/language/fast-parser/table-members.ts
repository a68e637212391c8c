/**
 * The one decision of the grammar that a fixed number of tokens does not
 * settle: which member of a table starts here. `kind`, `global` and `shard`
 * start members of their own and are also names a field may have, and a
 * field may be named `unique`; `global code text` is the `global` flag and a
 * field, told from a field named `global` only by what follows.
 *
 * The fast parser must choose as Langium's parser does, not merely find a
 * parse. Langium predicts with chevrotain-allstar's SLL lookahead
 * (all-star-lookahead.js: computeReachSet, closure, and the conflict test
 * hasConflictTerminatingPrediction), which:
 * - follows every alternative token by token, each as the set of grammar
 *   states it can be in, up to the end of the rule it decides in (here:
 *   Table, whose end is the block's `}`);
 * - predicts an alternative as soon as it is the only one left;
 * - stops and takes the first alternative when they have met: every state
 *   one of them is in, another is in too (or all of them are at the end).
 * This file runs that same simulation over the few states of a table block,
 * below. The states, in chevrotain-allstar's terms, are the ATN states with a
 * token transition, each with its call stack; two alternatives in the same one
 * are in the same ATN state with the same stack.
 *
 * The parser tests compare the choice with Langium's on every kind of member
 * and on thousands of random and mutated tables.
 */
import type { TokenType } from './tokens.js';

export type TableMemberKind = 'TableKind' | 'Global' | 'ShardKey' | 'Field';

/** The alternatives of the table's member list, in grammar order (the order a conflict is settled in). */
const ALTERNATIVES: readonly TableMemberKind[] = ['TableKind', 'Global', 'ShardKey', 'Field'];

// The states, as bits of a set.
/** In the member list: before a member (`kind`, `global`, `shard`, a field's name) or its `}`. */
const LIST = 1;
/** After `kind` of a TableKind: before its kind word or a stray word. */
const KIND = 2;
/** After `shard` of a ShardKey: before `key`. */
const SHARD = 4;
/** After `shard key`: before the field's name. */
const SHARD_KEY = 8;
/** After a field's name: before its type. */
const FIELD_NAME = 16;
/** After `ref`: before the referenced table's name. */
const REF = 32;
/** After a field's type: before `unique` (and, through the end of the field, LIST too). */
const TYPED = 64;
/** Past the block's `}`: the end of the rule Table. */
const END = 128;
const STATES = [LIST, KIND, SHARD, SHARD_KEY, FIELD_NAME, REF, TYPED, END];

export interface TableTokens {
    /** The type of the token at `index`, undefined past the end. */
    typeAt(index: number): TokenType | undefined;
    isName(type: TokenType | undefined): boolean;
    isId(type: TokenType | undefined): boolean;
    /** `entity`, `session`, `log` or `draft`. */
    isTableKind(type: TokenType | undefined): boolean;
    /** A field type word: `uuid`, `text`, … (not `ref`). */
    isPrimitive(type: TokenType | undefined): boolean;
    is(type: TokenType | undefined, keyword: 'kind' | 'global' | 'shard' | 'key' | 'ref' | 'unique' | '}'): boolean;
}

/** The states after reading `type` in each of `states` (closure included: a finished member is back in LIST). */
function step(tokens: TableTokens, states: number, type: TokenType | undefined): number {
    let next = 0;
    if (states & LIST) {
        if (tokens.is(type, '}')) next |= END;
        if (tokens.is(type, 'kind')) next |= KIND;
        if (tokens.is(type, 'global')) next |= LIST;
        if (tokens.is(type, 'shard')) next |= SHARD;
        if (tokens.isName(type)) next |= FIELD_NAME;
    }
    if (states & KIND && (tokens.isTableKind(type) || tokens.isId(type))) next |= LIST;
    if (states & SHARD && tokens.is(type, 'key')) next |= SHARD_KEY;
    if (states & SHARD_KEY && tokens.isName(type)) next |= LIST;
    if (states & FIELD_NAME) {
        if (tokens.isPrimitive(type) || tokens.isId(type)) next |= TYPED | LIST;
        if (tokens.is(type, 'ref')) next |= REF;
    }
    if (states & REF && tokens.isName(type)) next |= TYPED | LIST;
    if (states & TYPED && tokens.is(type, 'unique')) next |= LIST;
    return next;
}

/** The states of each alternative after its first token (the token at `index`). */
function firstStep(tokens: TableTokens, type: TokenType | undefined): number[] {
    return [
        tokens.is(type, 'kind') ? KIND : 0,
        tokens.is(type, 'global') ? LIST : 0,
        tokens.is(type, 'shard') ? SHARD : 0,
        tokens.isName(type) ? FIELD_NAME : 0
    ];
}

/**
 * The member Langium's parser starts at `index` (a token that is not the block's `}`),
 * or undefined where its prediction fails (a syntax error: Langium's parser reports it).
 */
export function tableMemberAt(tokens: TableTokens, index: number): TableMemberKind | undefined {
    let alternatives = firstStep(tokens, tokens.typeAt(index));
    for (let ahead = 1; ; ahead++) {
        const alive = alternatives.flatMap((states, alt) => (states ? [alt] : []));
        if (alive.length === 0) return undefined;
        if (alive.length === 1) return ALTERNATIVES[alive[0]];
        if (hasMet(alternatives)) return ALTERNATIVES[alive[0]];
        const type = tokens.typeAt(index + ahead);
        // An alternative at the end stays there (chevrotain-allstar keeps configurations in the
        // rule's stop state while others go on); none can read past the `}` anyway.
        alternatives = alternatives.map(states => (states === END ? END : step(tokens, states, type)));
    }
}

/** Whether the alternatives have met (hasConflictTerminatingPrediction): all at the end, or every state shared. */
function hasMet(alternatives: readonly number[]): boolean {
    const alive = alternatives.filter(states => states !== 0);
    if (alive.every(states => states === END)) return true;
    let shared = false;
    for (const state of STATES) {
        const holders = alive.filter(states => states & state).length;
        if (holders === 1) return false;
        if (holders > 1) shared = true;
    }
    return shared;
}
