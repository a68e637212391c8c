/**
 * Properties of `simulate` over seeded, generated small models (parsed by the
 * real parser): what a designer adds to make a tier stronger must never make
 * its estimate look worse.
 * - more instances never lower a node's availability;
 * - more peak load never lowers any node's utilization;
 * - adding a replica never lowers a database's availability;
 * - a health check (on the tier, or on the balancer in front) never lowers it;
 * - another copy of a stack behind a dns that leaves dead targets out never lowers the system's.
 * Each case is a pair of models that differ only in the one input; a failure
 * prints both, so it can be pasted into a `.arch` file.
 */
import { describe, expect, test } from 'vitest';
import { mulberry32 } from '../../server/src/estimates/random.js';
import { node, sim } from './simulated.js';

const CASES = 150;
/** Models with sharded databases and `keys` run a shard-placement Monte Carlo each: fewer of them. */
const GRAPH_CASES = 80;

type Random = () => number;

function pick<T>(random: Random, items: readonly T[]): T {
    return items[Math.floor(random() * items.length)];
}

function int(random: Random, min: number, max: number): number {
    return min + Math.floor(random() * (max - min + 1));
}

function chance(random: Random, p: number): boolean {
    return random() < p;
}

/** Declared per-instance availabilities: the default (none), ordinary ones, and ones close to 1. */
const AVAILABILITIES = ['', 'availability 90%', 'availability 99%', 'availability 99.9%', 'availability 99.95%', 'availability 99.99%', 'availability 99.999%'];

function traffic(random: Random, withPeak = chance(random, 0.85)): string {
    const parts: string[] = [];
    if (withPeak) parts.push(`peak ${int(random, 1, 6000)} rps`);
    if (chance(random, 0.7)) parts.push(`reads ${int(random, 0, 100)}%`);
    if (chance(random, 0.15)) parts.push(`keys ${int(random, 10, 100000)}${chance(random, 0.5) ? ` zipf ${pick(random, ['0.5', '1', '1.2'])}` : ''}`);
    return parts.length > 0 ? `  traffic { ${parts.join(' ')} }\n` : '';
}

const ZONES = '  zone z1\n  zone z2\n  zone z3\n';

function zonesProp(random: Random): string {
    return pick(random, ['', '', 'zones z1', 'zones z1, z2', 'zones z1, z2, z3']);
}

/**
 * A tier `s` with a count of `count` instances (or an autoscale range up to it),
 * reached directly, through a dns, or through a balancer with or without health checks.
 */
function tierModel(random: Random): (count: number) => string {
    const kind = pick(random, ['service', 'worker', 'cache', 'storage', 'queue', 'dns', 'cdn', 'balancer']);
    const front = pick(random, ['none', 'dns', 'balancer', 'balancer-health']);
    const autoscale = ['service', 'worker', 'cache'].includes(kind) && chance(random, 0.3);
    const mode = !autoscale && chance(random, 0.25) ? ' active_passive' : '';
    const min = int(random, 1, 3);
    const capacity = chance(random, 0.75) ? `capacity ${int(random, 50, 2500)} rps` : '';
    const latency = chance(random, 0.5) ? `latency ${int(random, 1, 200)}ms` : '';
    const availability = pick(random, AVAILABILITIES);
    const zones = zonesProp(random);
    const header = traffic(random) + ZONES;
    const frontText = front === 'none' ? '' : front === 'dns'
        ? '  dns front\n  front -> s\n'
        : `  balancer lb { instances 2${front === 'balancer-health' ? ' health every 5s' : ''} }\n  lb -> s\n`;
    return count => {
        const instances = autoscale ? `autoscale ${Math.min(min, count)}..${count}` : `instances ${count}${mode}`;
        return `system P {\n${header}${frontText}  ${kind} s { ${[instances, capacity, latency, availability, zones].filter(Boolean).join(' ')} }\n}`;
    };
}

/** A replicated database `db` behind a service, with `replicas` replicas (or none at all for -1). */
function databaseModel(random: Random): (replicas: number) => string {
    const topology = pick(random, ['primary_backup', 'primary_replica', 'multi_master']);
    const failover = pick(random, ['', 'failover manual', 'failover probe', 'failover interconnect', 'failover arbiter zk']);
    const mode = pick(random, ['', 'mode async', 'mode sync']);
    const capacity = chance(random, 0.75) ? `capacity ${int(random, 50, 3000)} rps` : '';
    const latency = chance(random, 0.4) ? `latency ${int(random, 1, 50)}ms` : '';
    const availability = pick(random, AVAILABILITIES);
    const shards = chance(random, 0.3) ? `shards ${int(random, 2, 8)} by ${pick(random, ['hash', 'range', 'consistent_hash'])}` : '';
    const zones = zonesProp(random);
    const share = int(random, 1, 100);
    const header = traffic(random) + ZONES;
    return replicas => {
        const replication = replicas < 0 ? '' : `replication ${topology} { replicas ${replicas} ${mode} ${failover} }`;
        return `system P {
${header}  service api { instances 2 }
  coordinator zk { instances 3 }
  database db { ${[capacity, latency, availability, shards, zones, replication].filter(Boolean).join(' ')} }
  api -> db ${share}%
}`;
    };
}

/** A small graph of mixed tiers, with the peak as a parameter. */
function graphModel(random: Random): (peak: number) => string {
    const kinds = ['service', 'cache', 'database', 'worker', 'queue'];
    const count = int(random, 2, 5);
    const reads = int(random, 0, 100);
    const keys = chance(random, 0.2) ? ` keys ${int(random, 100, 1_000_000)} zipf ${pick(random, ['0.8', '1', '1.1'])}` : '';
    const nodes: string[] = [];
    for (let i = 0; i < count; i++) {
        const kind = pick(random, kinds);
        const props: string[] = [];
        if (kind === 'service' && chance(random, 0.4)) props.push(`autoscale 1..${int(random, 2, 6)}`);
        else if (chance(random, 0.6)) props.push(`instances ${int(random, 1, 4)}${chance(random, 0.2) ? ' active_passive' : ''}`);
        if (chance(random, 0.85)) props.push(`capacity ${int(random, 20, 2000)} rps`);
        if (chance(random, 0.5)) props.push(`latency ${int(random, 1, 100)}ms`);
        if (kind === 'cache' && chance(random, 0.7)) props.push(`hit ${int(random, 0, 99)}%`);
        if (kind === 'database') {
            if (chance(random, 0.5)) props.push(`replication ${pick(random, ['primary_backup', 'primary_replica', 'multi_master'])} { replicas ${int(random, 1, 4)} }`);
            if (chance(random, 0.4)) props.push(`shards ${int(random, 2, 16)} by ${pick(random, ['hash', 'range', 'date'])}`);
            if (chance(random, 0.5)) props.push(`table t { shard key k  k ${pick(random, ['auto_increment', 'uuid', 'timestamp'])} }`);
        }
        nodes.push(`  ${kind} n${i} { ${props.join(' ')} }`);
    }
    const edges: string[] = [];
    // Edges only forward: no cycles; every node after the first has a caller.
    for (let i = 1; i < count; i++) edges.push(`  n${int(random, 0, i - 1)} -> n${i} ${int(random, 1, 100)}%`);
    for (let i = 0; i < count; i++) {
        const j = int(random, 0, count - 1);
        if (j > i && chance(random, 0.3)) edges.push(`  n${i} -> n${j} ${int(random, 1, 100)}%`);
    }
    return peak => `system P {\n  traffic { peak ${peak} rps reads ${reads}%${keys} }\n${nodes.join('\n')}\n${edges.join('\n')}\n}`;
}

/** A tier `s` behind a balancer, or reached directly, with a switch for health checks: on the balancer or on the tier. */
function healthModel(random: Random): (health: boolean) => string {
    const kind = pick(random, ['service', 'worker', 'cache', 'storage', 'queue']);
    const where = pick(random, ['balancer', 'tier']);
    const count = int(random, 1, 6);
    const capacity = chance(random, 0.75) ? `capacity ${int(random, 50, 2500)} rps` : '';
    const availability = pick(random, AVAILABILITIES);
    const zones = zonesProp(random);
    const header = traffic(random) + ZONES;
    const lb = where === 'balancer' || chance(random, 0.5);
    return health => {
        const lbHealth = health && where === 'balancer' ? ' health every 5s' : '';
        const tierHealth = health && where === 'tier' ? 'health every 5s' : '';
        const front = lb ? `  balancer lb { instances 2${lbHealth} }\n  lb -> s\n` : '';
        return `system P {\n${header}${front}  ${kind} s { ${[`instances ${count}`, capacity, availability, zones, tierHealth].filter(Boolean).join(' ')} }\n}`;
    };
}

/** `stacks` copies of a stack (balancer → service → database) behind one dns that leaves dead targets out. */
function stacksModel(random: Random): (stacks: number) => string {
    const routing = pick(random, ['routing failover', 'routing failover health every 10s', 'routing geo health every 10s', 'routing round_robin health every 10s']);
    const instances = int(random, 1, 4);
    const capacity = chance(random, 0.6) ? ` capacity ${int(random, 100, 3000)} rps` : '';
    const availability = pick(random, AVAILABILITIES);
    const lbHealth = chance(random, 0.5) ? ' health every 5s' : '';
    const db = chance(random, 0.5);
    const header = traffic(random);
    return stacks => {
        const parts = Array.from({ length: stacks }, (_, i) => [
            `  balancer lb${i} { instances 2${lbHealth} }`,
            `  service api${i} { instances ${instances}${capacity} ${availability} }`,
            ...(db ? [`  database db${i} { replication primary_replica { replicas 1 failover probe } }`, `  api${i} -> db${i}`] : []),
            `  front -> lb${i} -> api${i}`
        ].join('\n'));
        return `system P {\n${header}  dns front { ${routing} }\n${parts.join('\n')}\n}`;
    };
}

describe('properties over generated models', () => {
    test(`a health check never lowers availability (${CASES} seeded tiers, on the balancer or on the tier)`, async () => {
        const random = mulberry32(5150);
        let compared = 0;
        for (let i = 0; i < CASES; i++) {
            const model = healthModel(random);
            const [without, withHealth] = [model(false), model(true)];
            const before = await sim(without);
            const after = await sim(withHealth);
            const context = `\n--- without ---\n${without}\n--- with ---\n${withHealth}`;
            const [x, y] = [node(before, 's').availability, node(after, 's').availability];
            if (x === null || y === null) continue;
            // Where the instances left cannot carry the peak (cap-failure-headroom), a health check moves a dead
            // instance's share onto them and overloads them: k = n, below a dead share simply lost. That finding is the answer.
            const oneLost = node(after, 's').utilizationOneLost;
            if (oneLost !== null && oneLost >= 1) continue;
            compared++;
            expect(y, `availability with health checks (${y}) ≥ without (${x})${context}`).toBeGreaterThanOrEqual(x - 1e-12);
            expect(after.availability.system!, `system availability${context}`).toBeGreaterThanOrEqual(before.availability.system! - 1e-12);
            if (before.availability.zoneLost && after.availability.zoneLost && !after.availability.zoneLost.overloaded.includes('s')) {
                expect(after.availability.zoneLost.system, `zone-lost availability${context}`).toBeGreaterThanOrEqual(before.availability.zoneLost.system - 1e-12);
            }
        }
        expect(compared).toBeGreaterThan(CASES * 0.7);
    });

    test(`another copy of a stack behind a dns that leaves dead targets out never lowers the system's availability (${CASES} seeded stacks, 1 → 2 → 3)`, async () => {
        const random = mulberry32(8080);
        for (let i = 0; i < CASES; i++) {
            const model = stacksModel(random);
            const figures: number[] = [];
            for (const stacks of [1, 2, 3]) figures.push((await sim(model(stacks))).availability.system!);
            const context = `\n${model(2)}`;
            expect(figures[1], `two stacks (${figures[1]}) ≥ one (${figures[0]})${context}`).toBeGreaterThanOrEqual(figures[0] - 1e-12);
            expect(figures[2], `three stacks (${figures[2]}) ≥ two (${figures[1]})${context}`).toBeGreaterThanOrEqual(figures[1] - 1e-12);
        }
    });

    test(`more instances never lower a node's availability (${CASES} seeded models, n → n + 1)`, async () => {
        const random = mulberry32(20240611);
        let compared = 0;
        for (let i = 0; i < CASES; i++) {
            const model = tierModel(random);
            const n = int(random, 1, 6);
            const [fewer, more] = [model(n), model(n + 1)];
            const before = await sim(fewer);
            const after = await sim(more);
            const [x, y] = [node(before, 's').availability, node(after, 's').availability];
            const context = `\n--- ${n} instances ---\n${fewer}\n--- ${n + 1} instances ---\n${more}`;
            expect(x === null, `availability computed for both${context}`).toBe(y === null);
            if (x === null || y === null) continue;
            // For a tier the peak overloads the overload finding is the answer: as a failure figure it needs
            // every instance (k = n), so one more lowers it (ESTIMATES.md, "Capacity and latency").
            if (before.overloaded.some(entry => entry.node === 's')) continue;
            compared++;
            expect(y, `availability with n + 1 (${y}) ≥ with n (${x})${context}`).toBeGreaterThanOrEqual(x);
            // The system is a product over the nodes: it cannot fall either, nor can it with the worst zone lost.
            expect(after.availability.system!, `system availability${context}`).toBeGreaterThanOrEqual(before.availability.system!);
            // With a zone lost a tier may no longer carry the peak (cap-failure-headroom's finding): then, as
            // above, its figure needs every instance left, and more of them left lowers it.
            const overloadedWithZoneLost = [before, after].some(result => result.availability.zoneLost?.overloaded.includes('s'));
            if (before.availability.zoneLost && after.availability.zoneLost && !overloadedWithZoneLost) {
                expect(after.availability.zoneLost.system, `zone-lost availability${context}`).toBeGreaterThanOrEqual(before.availability.zoneLost.system);
            }
        }
        expect(compared).toBeGreaterThan(CASES * 0.6);
    });

    test(`more peak load never lowers utilization (${GRAPH_CASES} seeded graphs, peak → peak × f, f > 1)`, async () => {
        const random = mulberry32(777);
        let compared = 0;
        for (let i = 0; i < GRAPH_CASES; i++) {
            const model = graphModel(random);
            const peak = int(random, 1, 5000);
            const higher = Math.ceil(peak * (1 + random() * 3)) + 1;
            const before = await sim(model(peak));
            const after = await sim(model(higher));
            const context = `\n--- peak ${peak} → ${higher} ---\n${model(peak)}`;
            for (const estimate of before.nodes) {
                const later = node(after, estimate.name);
                expect(later.utilization === null, `${estimate.name}: utilization known in both${context}`).toBe(estimate.utilization === null);
                if (estimate.utilization !== null) {
                    compared++;
                    expect(later.utilization!, `${estimate.name}: utilization${context}`).toBeGreaterThanOrEqual(estimate.utilization);
                    expect(later.loadRps!, `${estimate.name}: load${context}`).toBeGreaterThanOrEqual(estimate.loadRps!);
                }
                if (estimate.utilizationOneLost !== null && later.utilizationOneLost !== null) {
                    expect(later.utilizationOneLost, `${estimate.name}: utilization with one lost${context}`).toBeGreaterThanOrEqual(estimate.utilizationOneLost);
                }
            }
        }
        expect(compared).toBeGreaterThan(GRAPH_CASES);
    });

    test(`adding a replica never lowers a database's availability (${CASES} seeded databases, r → r + 1, and none → 1)`, async () => {
        const random = mulberry32(4242);
        for (let i = 0; i < CASES; i++) {
            const model = databaseModel(random);
            // From no replication at all to one replica, or from r to r + 1.
            const r = chance(random, 0.25) ? -1 : int(random, 0, 4);
            const [fewer, more] = [model(r), model(r === -1 ? 1 : r + 1)];
            // A first synchronous replica makes every write wait for two copies: durability bought with
            // availability (ESTIMATES.md: a write needs the primary and one synchronous replica up).
            if (r === -1 && /mode sync/.test(more)) continue;
            // Nor an arbiter group: without its quorum the primary cannot hold its role (seed 003), so writes
            // are only as available as the group; a weaker group than the database lowers them.
            if (r === -1 && /failover arbiter/.test(more)) continue;
            const before = await sim(fewer);
            const after = await sim(more);
            const context = `\n--- fewer ---\n${fewer}\n--- more ---\n${more}`;
            const [x, y] = [node(before, 'db').availability, node(after, 'db').availability];
            expect(x, `availability computed${context}`).not.toBeNull();
            expect(y, `availability computed${context}`).not.toBeNull();
            // An overloaded database's figure counts every copy as needed (k = n): the overload finding is the answer.
            if (before.overloaded.some(entry => entry.node === 'db')) continue;
            expect(y!, `db availability ${y} ≥ ${x}${context}`).toBeGreaterThanOrEqual(x!);
            expect(after.availability.system!, `system availability${context}`).toBeGreaterThanOrEqual(before.availability.system!);
        }
    });

    test('the generators are deterministic: the same seed gives the same models and the same estimates', async () => {
        const first = graphModel(mulberry32(99))(1234);
        const second = graphModel(mulberry32(99))(1234);
        expect(second).toBe(first);
        expect(JSON.stringify(await sim(second))).toBe(JSON.stringify(await sim(first)));
    });
});
