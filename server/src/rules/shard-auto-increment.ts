/**
 * shard-auto-increment (RULES.md, "Hot keys and shards"): every shard group
 * counts its own auto_increment, so ids repeat across shards.
 *
 * As for the hot-* rules, a node counts as sharded when it declares `shards N`
 * with N ≥ 2, and a `global` table is left out: it is not split, its rows are
 * copied to every shard from one place, so one counter hands out its ids.
 */
import { formatCount } from '../present/numbers.js';
import { fix, retype } from './fixes.js';
import type { Rule, RuleFinding } from './rule.js';

const FAMILY = 'Hot keys and shards';

export const shardAutoIncrement: Rule = {
    id: 'shard-auto-increment',
    family: FAMILY,
    defaultSeverity: 'error',
    title: 'An auto_increment field in a table of a sharded node: every shard counts on its own, so ids repeat across shards.',
    check({ topology }) {
        return topology.nodes.flatMap(node => {
            const shards = node.shards;
            if (!shards || shards.count < 2) return [];
            const count = formatCount(shards.count);
            return node.tables.filter(table => !table.global).flatMap(table => table.fields
                .filter(field => field.type === 'auto_increment')
                .map((field): RuleFinding => ({
                    node: node.name,
                    range: field.range,
                    target: { node: node.name, table: table.name, field: field.name },
                    message: `${table.name}.${field.name} in ${node.name} is auto_increment, but ${node.name} is split over ${count} shards and each shard group keeps its own counter: every shard hands out ${field.name} 1, 2, 3 …, so the same ${field.name} names a different row on each shard, and whatever finds a row by ${field.name} alone (a link, a cache key, a report that merges the shards, moving rows when resharding) gets the wrong one or collides.`,
                    fixes: [
                        fix(`Make ${table.name}.${field.name} a snowflake id (unique across shards and time-ordered; give each shard its own worker id)`, retype(field, 'snowflake')),
                        fix(`Make ${table.name}.${field.name} a uuid (generated anywhere, no coordination)`, retype(field, 'uuid'))
                    ]
                })));
        });
    }
};
