/**
 * The cross-check's one entry: runs the request simulation and the failure simulation on a
 * Topology and returns every figure with its own error, in a shape that can be printed beside the
 * estimates (docs/crosscheck.md says what is modelled and how the error is computed).
 */
import type { NodeKind, Topology, TopologyNode } from '../model/topology.js';
import { buildAvailabilityModel, type AvailabilityModel } from './availability-model.js';
import { copiesOf, heldCount, withoutHeld, type HeldDown } from './held-down.js';
import { simulateFailures } from './failure-sim.js';
import { buildRouting, READ, WRITE } from './request-paths.js';
import { simulateRequests, type LatencyFigures } from './request-sim.js';
import { planStations } from './stations.js';
import type { Estimate } from './statistics.js';

export type { Estimate } from './statistics.js';
export type { LatencyFigures } from './request-sim.js';

export interface CrossCheckOptions {
    /** Same seed, same input: same output. Default 1. */
    seed?: number;
    /** Requests entering during the request simulation's measured time. Default 100,000. */
    requests?: number;
    /** Simulated years of failures; by default as many as `unitEvents` failures and repairs take. */
    years?: number;
    /** Failures and repairs to simulate when `years` is not given. Default 400,000. */
    unitEvents?: number;
    /** Leave out one of the two simulations (their figures are then null). */
    skipRequests?: boolean;
    skipFailures?: boolean;
    /** Zones and nodes held down for the whole run (a scenario's `fail`): their instances never come up and serve nothing. */
    down?: HeldDown;
}

export interface CrossCheckNode {
    name: string;
    kind: NodeKind;
    /** On requests' synchronous paths, on asynchronous work's (queue jobs, the writes a `behind` cache flushes), on both, or on neither. */
    carries: 'requests' | 'jobs' | 'both' | 'none';
    /** Visits per second at the peak that the routing gives (what the measured load is held against); null without a peak (traffic's, or every client's). */
    expectedLoadRps: number | null;
    /** Measured visits per second (requests and jobs; replication applies apart). */
    loadRps: Estimate | null;
    /** Measured replication applies per second on its copies. */
    applyRps: Estimate | null;
    /** λ / capacity of its busiest role (a tier's instances, a database's primary or replicas); null without capacity or peak. */
    expectedUtilization: number | null;
    /** Measured utilization of the same role. */
    utilization: Estimate | null;
    overloaded: boolean;
    /** Response time at the node (wait + service), ms; null when overloaded, not visited, or not simulated. */
    latencyMs: LatencyFigures | null;
    /** Share of its visits that found every worker busy (Erlang C's P_wait for one M/M/c queue). */
    waitedShare: Estimate | null;
    /** Wait before service, ms (mean and p99; 0 for a visit that found a free worker). */
    waitMs: LatencyFigures | null;
    /** Share of the requests it receives that it serves (its own instances and failovers; not what it calls). */
    availability: Estimate | null;
    /** Times the node went from serving everything to serving less; with 0, its availability of 1 ± 0 only says the run saw no failure. */
    outages: number | null;
    /**
     * A bound on the mean length of its outages: the longest mean repair of the units its availability
     * rests on (its own, its arbiter's) or its promotion time, whichever is longer; null without
     * failures. With `outages`, it says how many outages an unavailability stands for: an
     * unavailability U over the run's years means at least U × years / this bound of them.
     */
    outageBoundMs: number | null;
}

export interface CrossCheckResult {
    system: string;
    seed: number;
    /** Assumptions the model did not state, and what was left out (cut cycles, divergent pipelines). */
    notes: string[];
    requestRun: { requests: number; simulatedSeconds: number; warmUpSeconds: number } | null;
    failureRun: { years: number; unitEvents: number; outageEpisodes: number; lossFloor: number; outageBoundMs: number } | null;
    nodes: CrossCheckNode[];
    /** End-to-end over the synchronous path of all requests; null when an overloaded tier is on it or without a peak. */
    latencyMs: LatencyFigures | null;
    overloaded: { node: string; utilization: number; unservedShare: number }[];
    availability: {
        /** Share of requests served, over simulated years (zones up). */
        system: Estimate;
        /** The zone whose loss serves the fewest requests, and the share served then (instance failures go on). */
        zoneLost: { zone: string; system: Estimate } | null;
        byZone: { zone: string; system: Estimate }[];
    } | null;
    /** Asynchronous work: per queue, its consumers' figures, apart from the requests'. */
    queues: {
        queue: string;
        consumers: string[];
        enqueueRps: number | null;
        /** Share of its jobs whose consumers' path is served. */
        jobAvailability: Estimate | null;
        /** From the enqueue to the last consumer's answer. */
        jobLatencyMs: LatencyFigures | null;
    }[];
}

export function crossCheck(topology: Topology, options: CrossCheckOptions = {}): CrossCheckResult {
    const seed = options.seed ?? 1;
    const routing = buildRouting(topology);
    // The request simulation queues on the instances left; the failure simulation holds the others down.
    const zones = topology.zones.map(zone => zone.name);
    // A cache set aside because it is down whole costs no time: its callers go to the store (a circuit breaker).
    const stationsOf = (r: (typeof routing.nodes)[number]): TopologyNode => {
        const held = heldCount(r.node, options.down, zones);
        const node = withoutHeld(r.node, held);
        return r.fallsBack && held >= copiesOf(r.node) ? { ...node, latencyMs: 0 } : node;
    };
    const plan = planStations(options.down ? { ...routing, nodes: routing.nodes.map(r => ({ ...r, node: stationsOf(r) })) } : routing);
    const model = buildAvailabilityModel(routing, options.down);
    const hasPeak = routing.peakRps !== undefined;

    const requests = options.skipRequests ? undefined : simulateRequests(routing, plan, { seed, requests: options.requests });
    const failures = options.skipFailures ? undefined : simulateFailures(routing, model, { seed, years: options.years, unitEvents: options.unitEvents });

    const notes: string[] = [...model.notes];
    if (routing.clientsWithoutRate.length > 0) {
        notes.push(`no rate for ${routing.clientsWithoutRate.join(', ')} (no \`peak\`, and traffic gives none to split): the clients weigh alike in the availability`);
    }
    for (const edge of alternativesWithWords(topology)) {
        notes.push(`${edge.from} -> ${edge.to} is one of the dns's alternatives: its ${edge.fanOut !== undefined ? 'fan-out' : 'class'} is not simulated there (the dns answers with one target)`);
    }
    if (!hasPeak) notes.push('no traffic peak: load, utilization and latency are not simulated');
    for (const edge of routing.cutEdges) notes.push(`${edge.from} -> ${edge.to} closes a synchronous cycle: requests do not follow it`);
    for (const queue of routing.divergentQueues) notes.push(`${topology.nodes[queue].name}: its jobs come back at 100% or more (a pipeline loop with no finite rate): its consumers are not simulated`);
    for (const routed of routing.nodes) {
        const { node } = routed;
        if ((node.kind === 'cache' || node.kind === 'cdn') && node.hit === undefined && routed.writePass !== 'none' && routed.calls.length > 0) notes.push(`${node.name}: no hit ratio, taken as 0% (every read goes on)`);
    }

    const outageBounds = outageBoundsOf(model);
    const nodes = routing.nodes.map(({ node, index }): CrossCheckNode => {
        const onRequests = routing.rates.request[READ][index] + routing.rates.request[WRITE][index] > 0;
        const onJobs = routing.rates.job[READ][index] + routing.rates.job[WRITE][index] > 0;
        const figures = requests?.nodes[index];
        const stations = plan.nodes[index];
        const expectedUtilization = stations.reported?.expectedUtilization;
        return {
            name: node.name,
            kind: node.kind,
            carries: onRequests && onJobs ? 'both' : onRequests ? 'requests' : onJobs ? 'jobs' : 'none',
            expectedLoadRps: hasPeak ? routing.rates.total[READ][index] + routing.rates.total[WRITE][index] : null,
            loadRps: figures?.loadRps ?? null,
            applyRps: figures?.applyRps ?? null,
            expectedUtilization: expectedUtilization ?? null,
            utilization: figures?.utilization ?? null,
            overloaded: stations.overloaded,
            latencyMs: figures?.latencyMs ?? null,
            waitedShare: figures?.waitedShare ?? null,
            waitMs: figures?.waitMs ?? null,
            availability: failures?.nodes[index] ?? null,
            outages: failures?.nodeOutages[index] ?? null,
            outageBoundMs: failures ? outageBounds[index] : null
        };
    });

    const byZone = failures?.byZone ?? [];
    const worst = byZone.length > 0 ? byZone.reduce((a, b) => (b.system.value < a.system.value ? b : a)) : undefined;
    return {
        system: topology.name,
        seed,
        notes,
        requestRun: requests ? { requests: requests.requests, simulatedSeconds: requests.simulatedSeconds, warmUpSeconds: requests.warmUpSeconds } : null,
        failureRun: failures
            ? { years: failures.years, unitEvents: failures.unitEvents, outageEpisodes: failures.outageEpisodes, lossFloor: failures.lossFloor, outageBoundMs: Math.max(0, ...outageBounds) }
            : null,
        nodes,
        latencyMs: requests?.latencyMs ?? null,
        overloaded: nodes
            .filter(node => node.overloaded && node.expectedUtilization !== null)
            .map(node => ({ node: node.name, utilization: node.expectedUtilization!, unservedShare: 1 - 1 / node.expectedUtilization! })),
        availability: failures ? { system: failures.system, zoneLost: worst ?? null, byZone } : null,
        queues: routing.nodes
            .filter(routed => routed.isQueue && routed.calls.length > 0)
            .map(routed => ({
                queue: routed.node.name,
                consumers: routed.calls.flatMap(call => (call.kind === 'call' ? [call.to] : call.targets.map(target => target.to))).map(i => topology.nodes[i].name),
                enqueueRps: hasPeak ? routing.enqueueRates[READ][routed.index] + routing.enqueueRates[WRITE][routed.index] : null,
                jobAvailability: failures?.queues.find(q => q.queue === routed.index)?.jobs ?? null,
                jobLatencyMs: requests?.jobs.find(job => job.queue === routed.index)?.latencyMs ?? null
            }))
    };
}

/**
 * Edges out of a dns to one of several nodes of the same kind (alternatives: the DNS answers with one
 * of them) that carry one class or fan out: the simulation routes the alternatives by `routing` alone.
 */
function alternativesWithWords(topology: Topology): Topology['edges'] {
    const kindOf = new Map(topology.nodes.map(node => [node.name, node.kind]));
    return topology.edges.filter(edge => {
        if (kindOf.get(edge.from) !== 'dns' || (edge.carries === undefined && edge.fanOut === undefined)) return false;
        const kind = kindOf.get(edge.to);
        return topology.edges.filter(other => other.from === edge.from && kindOf.get(other.to) === kind).length > 1;
    });
}

/**
 * Per node, the longest of: the mean down time of its units (MTBF × (1 − a) / a), its arbiter's, and
 * its promotion time. An outage of a pool ends when one of its down units is repaired, a failover's
 * when the promotion is done or the old primary is back, a gated primary's when the quorum is back:
 * so this bounds the mean length of its outages.
 */
function outageBoundsOf(model: AvailabilityModel): number[] {
    const own = model.rules.map(() => 0);
    for (const unit of model.units) {
        if (!(unit.availability > 0 && unit.availability < 1)) continue;
        own[unit.node] = Math.max(own[unit.node], (unit.mtbfMs * (1 - unit.availability)) / unit.availability);
    }
    return model.rules.map((rule, node) => {
        let bound = own[node];
        if (rule.kind === 'failover') {
            for (const group of rule.groups) {
                bound = Math.max(bound, group.promotionMs);
                if (group.arbiter !== undefined) bound = Math.max(bound, own[group.arbiter]);
            }
        }
        return bound;
    });
}
