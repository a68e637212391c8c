/**
 * Hot keys and shards (RULES.md): hot-*. `hot-key-overload` needs the load
 * estimates and lives with them.
 *
 * A database counts as sharded when it declares `shards N` with N ≥ 2: one
 * shard group splits nothing, so no key can make one group hotter than another.
 * `global` tables are copied to every shard and never split, so their keys
 * are not looked at.
 */
import type { Field, FieldType, Shards, Table, TopologyNode } from '../model/topology.js';
import { fix, insertTableMember, replaceRange } from './fixes.js';
import { formatPercent } from './format.js';
import type { Fix, Rule, RuleFinding } from './rule.js';

const FAMILY = 'Hot keys and shards';

/** Key types whose next value is always larger than the last one handed out. */
const MONOTONIC_TYPES: ReadonlySet<FieldType> = new Set(['auto_increment', 'snowflake', 'timestamp']);

/** Strategies that keep neighbouring keys on the same shard. */
const ORDERED_STRATEGIES: ReadonlySet<Shards['strategy']> = new Set(['range', 'date']);

/** How many distinct values a field type can take, when that is a small fixed number. */
function cardinality(type: FieldType): number | undefined {
    return type === 'bool' ? 2 : undefined;
}

interface ShardedTable {
    node: TopologyNode;
    shards: Shards;
    table: Table;
}

/** Every split (non-global) table of every sharded database. */
function shardedTables(nodes: readonly TopologyNode[]): ShardedTable[] {
    return nodes.flatMap(node => {
        const shards = node.shards;
        if (!shards || shards.count < 2) return [];
        return node.tables.filter(table => !table.global).map(table => ({ node, shards, table }));
    });
}

function shardKeyField(table: Table): Field | undefined {
    return table.shardKey === undefined ? undefined : table.fields.find(field => field.name === table.shardKey);
}

function where({ node, table }: ShardedTable): string {
    return `table ${table.name} of database ${node.name}`;
}

export const hotMonotonicShardKey: Rule = {
    id: 'hot-monotonic-shard-key',
    family: FAMILY,
    defaultSeverity: 'warning',
    title: 'Sharding by range or date on an ever-growing key: every insert lands on the newest shard.',
    check({ topology }) {
        return shardedTables(topology.nodes).flatMap((sharded): RuleFinding[] => {
            const { node, shards, table } = sharded;
            const key = shardKeyField(table);
            if (!key || !ORDERED_STRATEGIES.has(shards.strategy) || !MONOTONIC_TYPES.has(key.type)) return [];
            return [{
                node: node.name,
                range: table.shardKeyRange ?? table.nameRange,
                target: { node: node.name, table: table.name, field: key.name },
                message: `${where(sharded)} is split by ${shards.strategy} on ${key.name} (${key.type}), which only grows: every insert lands on the newest of the ${shards.count} shards, so one shard group takes all the writes while the other ${shards.count - 1} sit idle for them.`,
                fixes: [fix(`Shard ${node.name} by hash`, replaceRange(shards.range, `shards ${shards.count} by hash`))]
            }];
        });
    }
};

/** A field to shard on that does not trade this finding for another hot-key finding; else the first field. */
function suggestedShardKey(table: Table, shards: Shards): Field | undefined {
    const harmless = table.fields.find(field =>
        cardinality(field.type) === undefined
        && !(ORDERED_STRATEGIES.has(shards.strategy) && MONOTONIC_TYPES.has(field.type)));
    return harmless ?? table.fields[0];
}

export const hotMissingShardKey: Rule = {
    id: 'hot-missing-shard-key',
    family: FAMILY,
    defaultSeverity: 'error',
    title: 'A table in a sharded database has neither a shard key nor `global`.',
    check({ topology }) {
        return shardedTables(topology.nodes).flatMap((sharded): RuleFinding[] => {
            const { node, shards, table } = sharded;
            if (table.shardKey !== undefined) return [];
            const fixes: Fix[] = [fix(`Mark ${table.name} as global (copied to every shard)`, insertTableMember(table, 'global'))];
            const key = suggestedShardKey(table, shards);
            if (key) fixes.push(fix(`Shard ${table.name} by ${key.name}`, insertTableMember(table, `shard key ${key.name}`)));
            return [{
                node: node.name,
                range: table.nameRange,
                target: { node: node.name, table: table.name },
                message: `${where(sharded)} has no \`shard key\` and is not \`global\`, although ${node.name} is split over ${shards.count} shards: nothing says which shard holds a row, so a lookup must ask all ${shards.count} shard groups (or the table silently lives on one of them).`,
                fixes
            }];
        });
    }
};

export const hotLowCardinalityKey: Rule = {
    id: 'hot-low-cardinality-key',
    family: FAMILY,
    defaultSeverity: 'error',
    title: 'The shard key can take fewer values than there are shards (a bool).',
    check({ topology }) {
        return shardedTables(topology.nodes).flatMap((sharded): RuleFinding[] => {
            const { node, shards, table } = sharded;
            const key = shardKeyField(table);
            const values = key ? cardinality(key.type) : undefined;
            // A bool is always too few: even over 2 shards, rows split by how often each value occurs, and adding shards never helps.
            if (!key || values === undefined || (key.type !== 'bool' && values >= shards.count)) return [];
            const used = Math.min(values, shards.count);
            const idle = shards.count - used;
            const spread = idle > 0
                ? `at most ${used} of the ${shards.count} shards ever hold its rows and the other ${idle} stay empty`
                : `its rows split by how common each value is, not evenly, and adding shards can never spread them further`;
            return [{
                node: node.name,
                range: table.shardKeyRange ?? table.nameRange,
                target: { node: node.name, table: table.name, field: key.name },
                message: `${where(sharded)} is sharded on ${key.name} (${key.type}), which takes only ${values} values: ${spread}, so the shards holding them take all its load.`
            }];
        });
    }
};

export const hotHashModResharding: Rule = {
    id: 'hot-hash-mod-resharding',
    family: FAMILY,
    defaultSeverity: 'info',
    title: 'Sharding by hash mod N: adding one shard moves N/(N+1) of the rows.',
    check({ topology }) {
        return topology.nodes.flatMap((node): RuleFinding[] => {
            const shards = node.shards;
            if (!shards || shards.count < 2 || shards.strategy !== 'hash') return [];
            const n = shards.count;
            const tables = node.tables.filter(table => !table.global).map(table => table.name);
            const which = tables.length > 0 ? ` of ${tables.join(', ')}` : '';
            return [{
                node: node.name,
                range: shards.range,
                message: `database ${node.name} places rows by hash mod ${n}: adding shard ${n + 1} moves ${formatPercent(n / (n + 1))} (${n}/${n + 1}) of the rows${which} to another shard, a migration of nearly all the data under live traffic; consistent hashing would move ${formatPercent(1 / (n + 1))} (1/${n + 1}).`,
                fixes: [fix(`Shard ${node.name} by consistent hashing`, replaceRange(shards.range, `shards ${n} by consistent_hash`))]
            }];
        });
    }
};

export const HOT_KEY_RULES: readonly Rule[] = [hotMonotonicShardKey, hotMissingShardKey, hotLowCardinalityKey, hotHashModResharding];
