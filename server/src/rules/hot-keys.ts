/**
 * Hot keys and shards (RULES.md): hot-*. `hot-key-overload` also needs the
 * peak load, worked out as the capacity rules do (capacity-load.ts).
 *
 * A database counts as sharded when it declares `shards N` with N ≥ 2: one
 * shard group splits nothing, so no key can make one group hotter than another.
 * `global` tables are copied to every shard and never split, so their keys
 * are not looked at.
 */
import { UTILIZATION_WARNING } from '../estimates/defaults.js';
import { total } from '../estimates/load.js';
import { keyPopularityAt } from '../estimates/client-mix.js';
import { describePopularity } from '../estimates/key-popularity.js';
import { shardSkew } from '../estimates/tier-load.js';
import type { Field, FieldType, Shards, Table, TopologyNode } from '../model/topology.js';
import { arrivingLoad, roundUtilization, utilizationWith } from './capacity-load.js';
import { fix, insertTableMember, replaceRange } from './fixes.js';
import { formatPercent, formatRate } from '../present/numbers.js';
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
    return `table ${table.name} of ${node.kind} ${node.name}`;
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
                message: `${node.kind} ${node.name} places rows by hash mod ${n}: adding shard ${n + 1} moves ${formatPercent(n / (n + 1))} (${n}/${n + 1}) of the rows${which} to another shard, a migration of nearly all the data under live traffic; consistent hashing would move ${formatPercent(1 / (n + 1))} (1/${n + 1}).`,
                fixes: [fix(`Shard ${node.name} by consistent hashing`, replaceRange(shards.range, `shards ${n} by consistent_hash`))]
            }];
        });
    }
};

/**
 * Only sharded databases: without shards every key lives on the same nodes (and
 * any replica serves any key's reads), so a popular key loads the database as a
 * whole, which cap-overload measures; there is no busiest shard to single out.
 */
export const hotKeyOverload: Rule = {
    id: 'hot-key-overload',
    family: FAMILY,
    defaultSeverity: 'warning',
    title: 'With Zipf key popularity, the busiest shard group runs at 80% (warning) or 100% (error) of what one group carries.',
    check({ topology, graph }) {
        // No zipf (or zipf 0) is uniform popularity: the rule is about skew, and keys alone do not make one.
        // Nor does a zipf that is no usable number (400 digits parse to Infinity; the estimates take it as uniform).
        // With clients of their own keys, the node's popularity mixes those whose requests reach it (client-mix.ts).
        const arriving = arrivingLoad(graph);
        return topology.nodes.flatMap((node): RuleFinding[] => {
            const shards = node.shards;
            const flow = arriving.get(node.name);
            if (!shards || shards.count < 2 || !flow || node.capacityPerInstanceRps === undefined || total(flow) === 0) return [];
            const keys = keyPopularityAt(graph, node.name);
            if (!keys || !keys.parts.some(part => part.zipf > 0)) return [];
            // Key popularity alone; an ever-growing range or date key's insert skew is hot-monotonic-shard-key's.
            const popularity = shardSkew(node, keys).reads;
            const busiest = utilizationWith(node, flow, graph, 0, { reads: popularity, writes: popularity });
            // No usable capacity (0 rps is a validation error of its own): nothing to compare with.
            if (busiest === undefined || !Number.isFinite(busiest)) return [];
            const rho = roundUtilization(busiest);
            if (rho < UTILIZATION_WARNING) return [];
            const even = roundUtilization(utilizationWith(node, flow, graph, 0, { reads: 1, writes: 1 })!);
            const meanGroup = total(flow) / shards.count;
            const busiestGroup = meanGroup * popularity;
            const overloaded = rho >= 1;
            const consequence = overloaded
                ? 'the users whose keys live on that shard see timeouts while the other shards have room'
                : 'a little more interest in its popular keys and that shard saturates first, while the others have room';
            const notOnlySkew = even >= UTILIZATION_WARNING
                ? `; spread evenly it would still run at ${formatPercent(even)}, so it needs capacity, not only a better spread`
                : '';
            return [{
                node: node.name,
                range: shards.range,
                severity: overloaded ? 'error' : 'warning',
                message: `${node.kind} ${node.name}: with ${describePopularity(keys)} over ${shards.count} shards, the busiest shard gets ${popularity.toFixed(2)}× the mean: ${formatRate(busiestGroup)} against the ${formatRate(busiestGroup / busiest)} one shard group carries (${formatPercent(rho)}), while the mean group takes ${formatRate(meanGroup)} (${formatPercent(even)}); ${consequence}${notOnlySkew}.`
            }];
        });
    }
};

export const HOT_KEY_RULES: readonly Rule[] = [
    hotMonotonicShardKey, hotKeyOverload, hotMissingShardKey, hotLowCardinalityKey, hotHashModResharding
];
