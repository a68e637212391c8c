/**
 * Small seeded `.arch` models (10 to 40 nodes) for the agreement test: every seed gives one valid
 * model, and the seeds in turn cover what the estimates and the simulator must agree on: dns in front
 * of two or three stacks (routing geo, failover and round_robin, with and without health checks, a
 * cdn beside them), balancers with and without health checks (least_connections, random,
 * round_robin; active_active and active_passive), services with and without `health every` and
 * sessions in a store, caches with hits, replicated databases with each failover method
 * (manual, probe, interconnect, arbiter) and mode (async, sync) and topology (primary_replica,
 * primary_backup, multi_master), sharded databases, queues with consumers, coordinators, zones, and
 * now and then an overloaded tier. Capacities are sized from the model's own loads (worked out here,
 * roughly, only to size them) so that tiers run between 20% and 85% busy, which gives the queues
 * something to measure; availabilities run lower than the 99.5% default on some nodes so that short
 * failure runs see enough outages to measure them.
 */
import { mulberry32 } from '../robustness/mutate.js';

export interface SmallModel {
    seed: number;
    text: string;
    nodes: number;
    /** What this seed covers, for test names and failure messages. */
    features: string[];
}

const FAILOVER = ['manual', 'probe', 'interconnect', 'arbiter'] as const;
const TOPOLOGY = ['primary_replica', 'primary_backup', 'multi_master'] as const;
const ROUTING = ['geo', 'failover', 'round_robin'] as const;
const ALGORITHM = ['least_connections', 'random', 'round_robin'] as const;

interface Node {
    name: string;
    kind: string;
    /** Serving instances (what capacity is sized for). */
    serving: number;
    /** Target utilization of the busiest member; undefined: no capacity. */
    rho?: number;
    latencyMs?: number;
    /** Capacity rounded to give a whole number of workers (k = C·S exactly), unless false. */
    wholeWorkers?: boolean;
    /** Lines of the body other than capacity and latency. */
    body: string[];
    /** How the busiest member's load follows from the node's reads and writes. */
    member?: (reads: number, writes: number) => number;
    hit?: number;
    reads: number;
    writes: number;
}

interface Edge {
    from: string;
    to: string;
    share: number;
}

export function generateSmallModel(seed: number): SmallModel {
    const random = mulberry32(seed * 7919 + 13);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
    const between = (low: number, high: number): number => low + Math.floor(random() * (high - low + 1));
    const features: string[] = [];

    const peak = 200 * between(2, 10);
    const readShare = between(60, 95) / 100;
    const zoneCount = seed % 4 === 3 ? 0 : 2 + (seed % 2);
    const zones = Array.from({ length: zoneCount }, (_, i) => `z${i + 1}`);
    const zonesLine = (list: readonly string[]): string[] => (list.length > 0 ? [`zones ${list.join(', ')}`] : []);
    const lowA = (): string[] => (random() < 0.5 ? [`availability ${pick(['98%', '99%', '99.5%'])}`] : []);
    const withKeys = seed % 5 === 0;
    const overload = seed % 7 === 6;
    // Seeds 4, 9, 14, …: one stack (no alternatives behind the dns) and no consumer behind the queue.
    const simple = seed % 5 === 4;

    const nodes: Node[] = [];
    const edges: Edge[] = [];
    const add = (node: Omit<Node, 'reads' | 'writes'>): Node => {
        const full = { ...node, reads: 0, writes: 0 };
        nodes.push(full);
        return full;
    };
    const edge = (from: string, to: string, share = 1): void => {
        edges.push({ from, to, share });
    };

    // Front: a dns over two or three stacks (balancer → api), the same kind: alternatives.
    const routing = ROUTING[seed % 3];
    const dnsHealth = Math.floor(seed / 3) % 2 === 0;
    add({ name: 'front', kind: 'dns', serving: 1, body: [`routing ${routing}`, ...(dnsHealth ? ['health every 10s'] : [])] });
    features.push(`dns ${routing}${dnsHealth ? ' + health' : ''}`);
    if (seed % 3 === 1) {
        add({ name: 'assets', kind: 'cdn', serving: 1, body: ['hit 90%'], hit: 0.9 });
        edge('front', 'assets', between(20, 60) / 100);
        features.push('cdn beside the stacks');
    }

    // The arbiter group of the databases that fail over by arbiter (declared in every model: an unused one is fine).
    add({ name: 'zk', kind: 'coordinator', serving: 3, body: ['instances 3', ...zonesLine(zones)] });

    // Shared back ends: a session store, a cache in front of the main database, a queue and its consumer.
    const sessionStore = seed % 2 === 0;
    if (sessionStore) {
        add({ name: 'sess', kind: 'cache', serving: 3, rho: simple ? undefined : 0.3, latencyMs: 1, body: ['instances 3', ...zonesLine(zones)] });
        features.push('sessions store');
    }

    const stacks = simple ? 1 : 2 + (seed % 2);
    // geo and round_robin: shares written out (summing to 100%), or even by default now and then.
    const evenByDefault = Math.floor(seed / 3) % 3 === 2;
    const stackShares = Array.from({ length: stacks }, () => between(1, 4));
    const shareSum = stackShares.reduce((sum, share) => sum + share, 0);
    const percents = stackShares.map(share => Math.floor((100 * share) / shareSum));
    percents[0] += 100 - percents.reduce((sum, share) => sum + share, 0);
    if (stacks > 1) features.push(routing === 'failover' ? 'failover over the stacks in order' : evenByDefault ? 'stacks split evenly by default' : `stacks split ${percents.join('/')}%`);
    const apis: string[] = [];
    for (let s = 1; s <= stacks; s++) {
        const lb = `lb_${s}`, api = `api_${s}`;
        // Each stack in a zone of its own (geo), except the one-stack seeds', spread over every zone.
        const zone = zones.length > 0 ? (simple ? zones : [zones[(s - 1) % zones.length]]) : [];
        const algorithm = ALGORITHM[(seed + s) % ALGORITHM.length];
        const lbHealth = (seed + s) % 4 !== 0;
        const activePassive = (seed + s) % 5 === 0;
        add({
            name: lb, kind: 'balancer', serving: 1,
            body: [`instances 2${activePassive ? ' active_passive' : ''}`, `algorithm ${algorithm}`, ...(lbHealth ? ['health every 5s'] : []), ...zonesLine(zone), ...lowA()]
        });
        const instances = between(2, 5);
        const ownHealth = !lbHealth && random() < 0.5;
        // Spread over every zone, sized so that the instances a zone's loss leaves still carry the peak
        // (else the zone-lost figure is E9's, docs/crosscheck.md), except in every third seed.
        const left = zones.length > 0 ? (instances - Math.ceil(instances / zones.length)) / instances : 1;
        const rho = between(30, 80) / 100;
        add({
            name: api, kind: 'service', serving: instances, rho: overload && s === 1 ? 1.2 : seed % 3 === 0 || left === 0 ? rho : Math.min(rho, 0.9 * left),
            latencyMs: pick([5, 10, 20, 40]), wholeWorkers: simple || (seed + s) % 4 !== 1,
            body: [`instances ${instances}`, ...(ownHealth ? ['health every 5s'] : []), ...(sessionStore ? ['sessions store sess'] : []), ...zonesLine(zone.length > 0 ? zones : []), ...lowA()]
        });
        features.push(`${lb}: ${algorithm}${lbHealth ? ', health' : ', no health'}${activePassive ? ', active_passive' : ''}${ownHealth ? ` (${api} health)` : ''}`);
        edge('front', lb, stacks > 1 && routing !== 'failover' && !evenByDefault ? percents[s - 1] / 100 : 1);
        edge(lb, api);
        if (sessionStore && s === 1 && seed % 4 === 0 && !simple) {
            edge(api, 'sess', 1);
            features.push('an edge to the session store as well');
        }
        apis.push(api);
    }
    if (overload) features.push('api_1 overloaded');

    // The main database, behind a cache; the ledger, called by the api and by the queue's consumer.
    const hit = between(50, 95) / 100;
    add({
        // In the one-stack seeds a delay without capacity (a multi-instance cache with no balancer in front is E6).
        name: 'cache', kind: 'cache', serving: 2, hit, rho: simple ? undefined : 0.4, latencyMs: 1,
        body: ['instances 2', `hit ${Math.round(hit * 100)}%`, ...zonesLine(zones), ...lowA()]
    });
    const database = (name: string, index: number): void => {
        const sharded = index === 0 && seed % 3 === 2;
        // primary_backup in the one-stack seeds (their end-to-end latency is compared) and where keys skew the
        // shards (their utilization is compared, × the skew): the other topologies' apply load is E1 (docs/crosscheck.md).
        const topology = simple || (sharded && withKeys) ? 'primary_backup' : TOPOLOGY[(seed + index) % TOPOLOGY.length];
        const method = FAILOVER[(seed + 2 * index) % FAILOVER.length];
        const sync = topology !== 'multi_master' && (seed + index) % 3 === 1;
        const replicas = topology === 'multi_master' ? between(2, 3) : between(1, 2);
        const shards = sharded ? 4 : 1;
        const member = topology === 'primary_replica'
            ? (r: number, w: number) => Math.max(w, r / replicas + w) / shards
            : topology === 'multi_master' ? (r: number, w: number) => (r / replicas + w) / shards : (r: number, w: number) => (r + w) / shards;
        const failover = method === 'arbiter' ? 'failover arbiter zk' : `failover ${method}`;
        const block = topology === 'multi_master'
            ? `replication multi_master { replicas ${replicas} }`
            : `replication ${topology} { replicas ${replicas}${sync ? ' mode sync' : ''} ${failover} }`;
        add({
            name, kind: 'database', serving: 1, rho: between(30, 70) / 100, latencyMs: pick([2, 4, 5]), member,
            body: [block, ...(sharded ? ['shards 4 by hash'] : []), ...zonesLine(zones), ...lowA(),
                sharded ? `table t_${name} { shard key owner  id uuid  owner number }` : `table t_${name} { id uuid }`]
        });
        features.push(`${name}: ${topology}${topology === 'multi_master' ? '' : `, ${method}${sync ? ', sync' : ''}`}${sharded ? ', 4 shards' : ''}`);
    };
    database('db', 0);
    edge('cache', 'db');
    for (const api of apis) edge(api, 'cache', between(60, 100) / 100);
    database('ledger', 1);
    for (const api of apis) edge(api, 'ledger', between(5, 20) / 100);

    add({ name: 'jobs', kind: 'queue', serving: 2, body: ['instances 2', ...zonesLine(zones)] });
    add({
        name: 'mailer', kind: 'worker', serving: 2, rho: between(30, 80) / 100, latencyMs: pick([20, 50]), wholeWorkers: true,
        body: ['instances 2', ...zonesLine(zones), ...lowA()]
    });
    for (const api of apis) edge(api, 'jobs', between(5, 30) / 100);
    if (!simple) {
        edge('jobs', 'mailer');
        edge('mailer', 'ledger', 0.5);
    } else {
        nodes.splice(nodes.findIndex(node => node.name === 'mailer'), 1);
        features.push('one stack, no consumer');
    }

    // Fillers up to the model's size: services called by the apis, some calling each other.
    const target = 10 + ((seed * 13) % 31);
    let filler = 0;
    while (nodes.length < target) {
        const name = `svc_${++filler}`;
        // The one-stack seeds: one instance each (several with no balancer in front: docs/crosscheck.md, E6).
        const instances = simple ? 1 : between(1, 4);
        add({
            name, kind: pick(['service', 'service', 'storage']), serving: instances, rho: between(20, 85) / 100,
            latencyMs: pick([4, 8, 20, 40]), wholeWorkers: simple || random() < 0.8,
            body: [`instances ${instances}`, ...(random() < 0.3 ? ['health every 5s'] : []), ...zonesLine(zones.length > 0 && random() < 0.7 ? zones : []), ...lowA()]
        });
        const callers = [...apis, ...nodes.filter(node => node.name.startsWith('svc_') && node.name !== name).map(node => node.name)];
        edge(pick(callers), name, between(10, 60) / 100);
    }

    sizeCapacities(nodes, edges, peak, readShare, routing, sessionStore);

    const lines = [
        `// test/crosscheck/small-models.ts, seed ${seed}: ${features.join('; ')}.`,
        `system Small${seed} {`,
        `  traffic { peak ${peak} rps  reads ${Math.round(readShare * 100)}%${withKeys ? '  keys 1000000 zipf 0.8' : ''} }`,
        ...zones.map(zone => `  zone ${zone}`),
        ...nodes.map(node => `  ${node.kind} ${node.name} {\n${[...capacityLines(node), ...node.body].map(line => `    ${line}\n`).join('')}  }`),
        ...edges.map(e => `  ${e.from} -> ${e.to}${e.share < 1 ? ` ${Math.round(e.share * 100)}%` : ''}`),
        '}',
        ''
    ];
    if (withKeys) features.push('keys with zipf');
    return { seed, text: lines.join('\n'), nodes: nodes.length, features };
}

function capacityLines(node: Node): string[] {
    const lines: string[] = [];
    const capacity = (node as Node & { capacity?: number }).capacity;
    if (capacity !== undefined) lines.push(`capacity ${capacity} rps`);
    if (node.latencyMs !== undefined) lines.push(`latency ${node.latencyMs}ms`);
    return lines;
}

/**
 * Loads worked out roughly (each edge with its share, a cache's hits, dns alternatives by routing, the
 * session lookups), only to choose capacities: capacity = busiest member's load / target utilization,
 * rounded to a whole number of workers where asked (k = C·S then exactly, so that mean service times
 * are S), else to a multiple of 50.
 */
function sizeCapacities(nodes: Node[], edges: Edge[], peak: number, readShare: number, routing: string, sessionStore: boolean): void {
    const byName = new Map(nodes.map(node => [node.name, node]));
    const front = byName.get('front')!;
    front.reads = peak * readShare;
    front.writes = peak * (1 - readShare);
    const stacks = edges.filter(e => e.from === 'front' && byName.get(e.to)!.kind === 'balancer');
    for (const node of nodes) {
        const out = edges.filter(e => e.from === node.name);
        const pass = node.hit !== undefined ? 1 - node.hit : 1;
        for (const e of out) {
            const to = byName.get(e.to)!;
            let share = e.share;
            if (node.name === 'front' && to.kind === 'balancer' && stacks.length > 1) {
                share = routing === 'failover' ? (stacks[0].to === to.name ? 1 : 0) : stacks.every(s => s.share === 1) ? 1 / stacks.length : e.share;
            }
            to.reads += node.reads * pass * share;
            to.writes += node.writes * share;
        }
        if (sessionStore && node.kind === 'service' && node.name.startsWith('api_')) byName.get('sess')!.reads += node.reads + node.writes;
    }
    for (const node of nodes) {
        if (node.rho === undefined) continue;
        const busiest = node.member ? node.member(node.reads, node.writes) : (node.reads + node.writes) / node.serving;
        const needed = Math.max(1, busiest / node.rho);
        let capacity: number;
        if (node.latencyMs !== undefined && node.wholeWorkers !== false) {
            // k workers of S ms each: C = 1000·k / S, the smallest such C above what is needed.
            const k = Math.max(1, Math.ceil((needed * node.latencyMs) / 1000));
            capacity = (1000 * k) / node.latencyMs;
        } else {
            capacity = Math.max(50, Math.ceil(needed / 50) * 50 + 25);
        }
        (node as Node & { capacity?: number }).capacity = capacity;
    }
}
