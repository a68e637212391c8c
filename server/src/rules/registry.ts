/** Every rule of RULES.md, by family, in the catalog's order. */
import { CAPACITY_RULES } from './capacity.js';
import { lagFailoverDataLoss } from './failover-data-loss.js';
import { HOT_KEY_RULES } from './hot-keys.js';
import { MODEL_RULES } from './model.js';
import { MULTI_MASTER_RULES } from './multi-master.js';
import { spofProbeFailover } from './probe-failover.js';
import { REPLICATION_LAG_RULES } from './replication-lag.js';
import type { Rule } from './rule.js';
import { shardAutoIncrement } from './shard-auto-increment.js';
import { shardCrossJoin } from './shard-cross-join.js';
import { SINGLE_POINT_OF_FAILURE_RULES } from './single-points-of-failure.js';
import { STATEFUL_TIER_RULES } from './stateful-tiers.js';
import { TARGET_RULES } from './targets.js';

/**
 * A family's rules with `rule` placed right after the rule `after` (the catalog's
 * order), so that a rule can live in its own file; at the end if `after` is gone.
 */
function placeAfter(family: readonly Rule[], after: string, rule: Rule): Rule[] {
    const at = family.findIndex(existing => existing.id === after);
    return at < 0 ? [...family, rule] : [...family.slice(0, at + 1), rule, ...family.slice(at + 1)];
}

export const ALL_RULES: readonly Rule[] = [
    ...placeAfter(SINGLE_POINT_OF_FAILURE_RULES, 'spof-split-brain', spofProbeFailover),
    ...HOT_KEY_RULES, shardAutoIncrement, shardCrossJoin,
    ...STATEFUL_TIER_RULES,
    ...MULTI_MASTER_RULES,
    ...REPLICATION_LAG_RULES, lagFailoverDataLoss,
    ...CAPACITY_RULES,
    ...TARGET_RULES,
    ...MODEL_RULES
];

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(ALL_RULES.map(rule => [rule.id, rule]));

/** Codes of the errors that are not design rules: the text does not parse or a name does not resolve. */
export const SYNTAX_CODE = 'syntax';
export const LINK_CODE = 'link';
