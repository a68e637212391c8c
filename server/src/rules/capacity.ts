/**
 * Capacity (RULES.md): cap-*. They read each node's load, utilization and
 * latency as the estimates report them (tier-utilization.ts, tier-queue.ts)
 * and, where a rule asks "what if", recompute with the same formulas
 * (capacity-load.ts). Without a `peak` in the traffic no load is known, and
 * none of them reports anything.
 */
import { UTILIZATION_WARNING } from '../estimates/defaults.js';
import { systemPeak, total, type Flow } from '../estimates/load.js';
import { servingInstances } from '../estimates/tier-load.js';
import type { TierLatency } from '../estimates/tier-queue.js';
import type { TopologyGraph } from '../model/graph.js';
import { isWholeService, type Topology, type TopologyNode } from '../model/topology.js';
import {
    arrivingLoad, coldExtraLoad, isPlainTier, reportedLatency, reportedUtilizations, roundUtilization, scaleFix, smallestCount, utilizationWith, withInstances, zoneLoss
} from './capacity-load.js';
import { formatDuration, formatPercent, formatRate } from '../present/numbers.js';
import type { Fix, Rule, RuleFinding } from './rule.js';

const FAMILY = 'Capacity';

function p99Of(latency: TierLatency | null): string {
    return latency ? ` (p99 ${formatDuration(latency.p99)})` : '';
}

/** How the capacity a message quotes is made up: "20 × 400 rps", or the busiest member of a replicated or sharded tier. */
function capacityBasis(node: TopologyNode, rho: number): string {
    const capacity = node.capacityPerInstanceRps!;
    const sharded = node.shards && node.shards.count > 1;
    if (!node.replication && !sharded) {
        return node.instances.mode === 'active_passive'
            ? `1 × ${formatRate(capacity)}: active_passive, one of its ${node.instances.max} instances serves`
            : `${servingInstances(node)} × ${formatRate(capacity)}`;
    }
    const where = sharded ? `, in the busiest of its ${node.shards!.count} shard groups,` : '';
    return `its busiest member${where} takes ${formatRate(rho * capacity)} of the ${formatRate(capacity)} one node sustains`;
}

/** What users see when a tier cannot keep up: behind a queue the work waits (no request fails), in front of it requests time out. */
function whatBreaks(node: TopologyNode, consumer: boolean): string {
    return consumer || node.kind === 'worker'
        ? 'work arrives faster than it drains, so the backlog and every job\'s wait grow without bound (no request fails: the work is delayed)'
        : 'requests queue without bound and time out';
}

/** `load against capacity (basis)`, the capacity being what the tier carries at utilization `rho`. */
function loadAgainst(node: TopologyNode, loadRps: number, rho: number): string {
    return `${formatRate(loadRps)} against ${formatRate(loadRps / rho)} (${capacityBasis(node, rho)})`;
}

export const capOverload: Rule = {
    id: 'cap-overload',
    family: FAMILY,
    defaultSeverity: 'error',
    title: 'A node runs at or above 100% (error) or 80% (warning) of what it carries at the peak.',
    check({ topology, graph }) {
        const tiers = reportedUtilizations(graph);
        return topology.nodes.flatMap((node): RuleFinding[] => {
            const tier = tiers.get(node.name);
            const rho = tier?.utilization;
            const loadRps = tier?.loadRps;
            // With `target utilization`, the band below 100% is the team's own line, judged by target-utilization
            // as an error; this rule keeps the overloads (docs/scenarios.md).
            const threshold = topology.targets?.utilization !== undefined ? 1 : UTILIZATION_WARNING;
            if (rho == null || loadRps == null || rho < threshold) return [];
            const overloaded = rho >= 1;
            // Behind a queue an overload delays work and fails no request: a warning (RULES.md).
            const consumer = graph.onAsyncPath.has(node.name);
            const consequence = overloaded
                ? whatBreaks(node, consumer)
                : `past ${formatPercent(UTILIZATION_WARNING)} queues, and with them latency${p99Of(reportedLatency(graph, node))}, grow steeply, and a burst or a lost instance tips it over`;
            const fixes: Fix[] = [];
            const flow = arrivingLoad(graph).get(node.name);
            if (flow && isPlainTier(node)) {
                const count = smallestCount(node.instances.max,
                    n => roundUtilization(utilizationWith(withInstances(node, n), flow, graph)!) < UTILIZATION_WARNING);
                if (count !== undefined) fixes.push(scaleFix(node, count, `under ${formatPercent(UTILIZATION_WARNING)} at the peak`));
            }
            return [{
                node: node.name,
                range: node.nameRange,
                severity: overloaded && !consumer ? 'error' : 'warning',
                message: `${node.name} runs at ${formatPercent(rho)} at the peak: ${loadAgainst(node, loadRps, rho)}; ${consequence}.`,
                fixes
            }];
        });
    }
};

/** "one of its 20 instances", "one of its 3 replicas": what `utilizationOneLost` takes away. */
function oneMember(node: TopologyNode): { what: string; back: string } {
    const replication = node.replication;
    if (replication?.topology === 'primary_replica') {
        const what = replication.replicas === 1 ? 'its only replica' : `one of its ${replication.replicas} replicas`;
        return { what, back: 'the replica is back' };
    }
    if (replication?.topology === 'multi_master') return { what: `one of its ${replication.replicas} masters`, back: 'the master is back' };
    return { what: `one of its ${node.instances.max} instances`, back: 'the instance is replaced' };
}

function memberWord(node: TopologyNode): string {
    if (!node.replication) return 'instances';
    return node.replication.topology === 'multi_master' ? 'masters' : 'copies';
}

/** Utilization with one member lost and, when zones apply, with one zone lost. */
function failureUtilizations(graph: TopologyGraph, node: TopologyNode, flow: Flow): { one?: number; zone?: number } {
    const topology = graph.topology;
    const one = utilizationWith(node, flow, graph, 1);
    const zone = zoneLoss(topology, node);
    const zoneRho = zone ? utilizationWith(node, flow, graph, zone.lost) : undefined;
    // An infinite utilization is a node with nothing left: a single point of failure, which spof-* report.
    const finite = (rho: number | undefined) => (rho !== undefined && Number.isFinite(rho) ? roundUtilization(rho) : undefined);
    return { one: finite(one), zone: finite(zoneRho) };
}

export const capFailureHeadroom: Rule = {
    id: 'cap-failure-headroom',
    family: FAMILY,
    defaultSeverity: 'warning',
    title: 'Losing one instance (or one zone) pushes a node to 100% or more at the peak.',
    check({ topology, graph }) {
        const tiers = reportedUtilizations(graph);
        return topology.nodes.flatMap((node): RuleFinding[] => {
            const tier = tiers.get(node.name);
            const rho = tier?.utilization;
            const loadRps = tier?.loadRps;
            const flow = arrivingLoad(graph).get(node.name);
            // At 100% already it has no headroom to lose: cap-overload reports it.
            if (rho == null || loadRps == null || !flow || rho >= 1) return [];
            const after = failureUtilizations(graph, node, flow);
            let loss: string;
            let lostRho: number;
            let until: string;
            if (after.one !== undefined && after.one >= 1) {
                const member = oneMember(node);
                loss = member.what;
                lostRho = after.one;
                until = member.back;
            } else if (after.zone !== undefined && after.zone >= 1) {
                const zone = zoneLoss(topology, node)!;
                loss = `one of its zones (${zone.zones.join(', ')}), which takes ${zone.lost} of its ${zone.of} ${memberWord(node)},`;
                lostRho = after.zone;
                until = 'the zone is back';
            } else {
                return [];
            }
            const fixes: Fix[] = [];
            if (isPlainTier(node)) {
                const count = smallestCount(node.instances.max, n => {
                    const scaled = withInstances(node, n);
                    const { one, zone } = failureUtilizations(graph, scaled, flow);
                    return (one === undefined || one < 1) && (zone === undefined || zone < 1);
                });
                const what = zoneLoss(topology, node) ? 'one instance or one zone' : 'one instance';
                if (count !== undefined) fixes.push(scaleFix(node, count, `carries the peak with ${what} lost`));
            }
            return [{
                node: node.name,
                range: node.nameRange,
                message: `${node.name} has no headroom for a failure: it runs at ${formatPercent(rho)} at the peak, and losing ${loss} pushes it to ${formatPercent(lostRho)} (${formatRate(loadRps)} against ${formatRate(loadRps / lostRho)}); ${graph.onAsyncPath.has(node.name) ? 'the work behind its queue waits (no request fails)' : 'requests queue and time out'} until ${until}.`,
                fixes
            }];
        });
    }
};

/** Caches (and cdns) that answer some reads on a request path: what is behind them counts on that. */
function cachesWithHits(topology: Topology, arriving: ReadonlyMap<string, Flow>): TopologyNode[] {
    return topology.nodes.filter(node =>
        (node.kind === 'cache' || node.kind === 'cdn') && (node.hit ?? 0) > 0 && (arriving.get(node.name)?.reads ?? 0) > 0);
}

export const capColdCache: Rule = {
    id: 'cap-cold-cache',
    family: FAMILY,
    defaultSeverity: 'warning',
    title: 'The node behind a cache cannot carry the reads when the cache is empty or lost.',
    check({ topology, graph }) {
        const arriving = arrivingLoad(graph);
        const caches = cachesWithHits(topology, arriving);
        if (caches.length === 0) return [];
        const tiers = reportedUtilizations(graph);
        return caches.flatMap(cache => {
            const extra = coldExtraLoad(topology, graph, cache, arriving.get(cache.name)!);
            return [...extra].flatMap(([name, added]): RuleFinding[] => {
                const behind = graph.node(name)!;
                const warm = arriving.get(name);
                if (!warm || total(added) <= 0) return [];
                const warmRho = tiers.get(name)?.utilization;
                // Overloaded with the cache warm already: cap-overload reports it.
                if (warmRho == null || warmRho >= 1) return [];
                const coldFlow = { reads: warm.reads + added.reads, writes: warm.writes + added.writes };
                const coldRho = utilizationWith(behind, coldFlow, graph);
                if (coldRho === undefined || roundUtilization(coldRho) < 1) return [];
                const shown = roundUtilization(coldRho);
                return [{
                    node: behind.name,
                    range: behind.nameRange,
                    message: `${behind.name} cannot carry the reads when ${cache.name} is empty or lost: at the peak it runs at ${formatPercent(warmRho)} while ${cache.name} answers ${formatPercent(cache.hit!)} of reads, and at ${formatPercent(shown)} without it (${formatRate(total(coldFlow))} against ${formatRate(total(coldFlow) / coldRho)}); after a restart or a flush of ${cache.name}, requests that reach ${behind.name} queue and time out until the cache warms up.`
                }];
            });
        });
    }
};

export const capMissingInput: Rule = {
    id: 'cap-missing-input',
    family: FAMILY,
    defaultSeverity: 'info',
    title: 'Traffic has a peak but a node on a request path has no capacity (its estimate was skipped), or a cache passes reads on with no hit (taken at 0%).',
    check({ topology, graph }) {
        if (systemPeak(topology) === undefined) return [];
        const tiers = reportedUtilizations(graph);
        return topology.nodes.flatMap((node): RuleFinding[] => {
            // Managed dns and cdn scale with the provider: there is no capacity of theirs to measure.
            if (!graph.onRequestPath.has(node.name)) return [];
            const loadRps = tiers.get(node.name)?.loadRps;
            // No load either (a cycle feeds it): model-cycle says why, and there is nothing to compare a capacity with.
            if (loadRps == null) return [];
            const findings: RuleFinding[] = [];
            // A cache or cdn that passes reads on, with no `hit`: taken at 0% (ESTIMATES.md, "Defaults"), never assumed.
            // A cache that is the store passes nothing on, so it needs no hit (ESTIMATES.md, "Load").
            if ((node.kind === 'cache' || node.kind === 'cdn') && node.hit === undefined && node.policy !== 'store' && graph.callees(node.name).length > 0) {
                findings.push({
                    node: node.name,
                    range: node.nameRange,
                    message: `${node.name} gives no \`hit\`, so the estimates take it at 0%: every read it gets (${formatRate(loadRps)} reach it) is passed on to ${graph.callees(node.name).join(', ')}; give its hit ratio (\`hit 90%\`, from its metrics).`
                });
            }
            // Managed dns and cdn scale with the provider: there is no capacity of theirs to measure.
            if (node.capacityPerInstanceRps === undefined && !isWholeService(node)) {
                findings.push({
                    node: node.name,
                    range: node.nameRange,
                    message: `${node.name} has no \`capacity\`, so its utilization at the peak was not estimated (${formatRate(loadRps)} reach it) and no capacity check covers it; add what one instance sustains (\`capacity N rps\`, from a load test).`
                });
            }
            return findings;
        });
    }
};

export const CAPACITY_RULES: readonly Rule[] = [capOverload, capFailureHeadroom, capColdCache, capMissingInput];
