/**
 * shard-cross-join (RULES.md, "Hot keys and shards"): a `ref` between two split
 * tables of one sharded node whose rows are not placed by the same key, so
 * following the reference (a join) leaves the shard.
 *
 * "Sharded by the same key" (docs/rules/shard-cross-join.md): a row of the
 * referencing table A and the row of B its field `f` names sit on the same
 * shard when
 * 1. A is sharded by `f` itself and B by its identity (the row `f` names):
 *    orders { shard key user_id  user_id ref users } and users { shard key id };
 * 2. or both are sharded by one shared attribute, neither `f` nor B's identity:
 *    a field of the same name in both (order_items and orders both by user_id),
 *    or fields that both `ref` the same table (payments.payer and orders.buyer,
 *    both `ref users`).
 * B's identity is its field `id`, else its first field (the language has no
 * primary key; a `ref` names a row of B by it). Tables without a `shard key`
 * are hot-missing-shard-key's, and `global` tables are on every shard.
 */
import type { Field, Table, TopologyNode } from '../model/topology.js';
import { formatCount } from '../present/numbers.js';
import type { Rule, RuleFinding } from './rule.js';

const FAMILY = 'Hot keys and shards';

function shardKeyField(table: Table): Field | undefined {
    return table.shardKey === undefined ? undefined : table.fields.find(field => field.name === table.shardKey);
}

/** The field a `ref` to the table names a row by: `id`, else the first field. */
export function identityField(table: Table): Field | undefined {
    return table.fields.find(field => field.name === 'id') ?? table.fields[0];
}

/** Two shard keys of two tables that hold the same value for rows that belong together (rule 2 above). */
function sharedAttribute(key: Field, other: Field): boolean {
    return key.name === other.name
        || (key.type === 'ref' && other.type === 'ref' && key.refTable !== undefined && key.refTable === other.refTable);
}

/** Does following `field` of table `from` stay on the shard its row is on? */
export function coLocated(from: Table, field: Field, to: Table): boolean {
    const fromKey = shardKeyField(from);
    const toKey = shardKeyField(to);
    if (!fromKey || !toKey) return true; // unknown placement: hot-missing-shard-key speaks
    const identity = identityField(to);
    if (fromKey.name === field.name && toKey === identity) return true;
    // A shared attribute is another field than the one followed: a table sharded by its own `manager ref` places the
    // manager's row by the manager's manager.
    return fromKey !== field && toKey !== identity && sharedAttribute(fromKey, toKey);
}

function crossJoin(node: TopologyNode, count: string, from: Table, field: Field, to: Table): RuleFinding {
    const fromKey = from.shardKey!;
    const toKey = to.shardKey!;
    const placement = from === to
        ? `${from.name} is sharded by ${fromKey}`
        : `${from.name} is sharded by ${fromKey} and ${to.name} by ${toKey}`;
    return {
        node: node.name,
        range: field.range,
        target: { node: node.name, table: from.name, field: field.name },
        message: `${from.name}.${field.name} in ${node.name} refs ${from === to ? `${to.name} itself` : to.name}, but ${placement}: a row of ${from.name} and the ${to.name} row it points to usually sit on different shards of the ${count}, so every join along ${field.name} asks other shard groups (a cross-shard query: slower as the shards grow, and no transaction or foreign key spans them).`
    };
}

export const shardCrossJoin: Rule = {
    id: 'shard-cross-join',
    family: FAMILY,
    defaultSeverity: 'warning',
    title: 'A ref between two tables of a sharded database that are not sharded by the same key: the join crosses shards.',
    check({ topology }) {
        return topology.nodes.flatMap(node => {
            const shards = node.shards;
            if (!shards || shards.count < 2) return [];
            const count = formatCount(shards.count);
            const split = node.tables.filter(table => !table.global);
            return split.flatMap(from => from.fields.flatMap((field): RuleFinding[] => {
                if (field.type !== 'ref' || field.refTable === undefined) return [];
                // A ref to a table of another node is a join across databases, not across this node's shards.
                const to = split.find(table => table.name === field.refTable);
                if (!to || coLocated(from, field, to)) return [];
                return [crossJoin(node, count, from, field, to)];
            }));
        });
    }
};
