/**
 * The request-level discrete-event simulation: Poisson arrivals at the peak, each from a source drawn
 * by its share of the requests (a client, or an entry node), a read with the source's read share; each
 * request draws its path (every call on its own with its share and only by its class, a cache's hit, a
 * dns's answer, a database's shard and copy) and visits the nodes on it one after another, queueing
 * first-come first-served at each (stations.ts). A fan-out (`Nx`, `each`) forks: its N calls, each with
 * the whole path below it, run in parallel and the request goes on when the slowest is done. A request
 * ends at a queue's enqueue; the message starts a job that follows the queue's consumers, measured
 * apart. A `behind` cache acknowledges a write and flushes it after, as work no one waits for. Every
 * write a database's primary (or a multi-master) takes is applied on its other copies as a job of their
 * own (their load), and a `mode sync` write waits for the first replica's apply.
 *
 * Measured after a warm-up of a tenth of the run, in batches of equal simulated time: each node's
 * load, utilization (the service time its stations are given, over their workers and the time), its
 * response time (wait + service) mean and p99 and the share of visits that waited; the end-to-end
 * latency of requests; the latency of each queue's jobs.
 */
import { SIM_DEFAULTS } from './defaults.js';
import { EventQueue } from './event-queue.js';
import { createRandom } from './random.js';
import { READ, WRITE, type Call, type RequestClass, type Routing } from './request-paths.js';
import type { NodeStations, Role, Station, StationPlan } from './stations.js';
import { batchEstimate, quantileEstimate, withFloor, type Estimate } from './statistics.js';

export interface RequestSimOptions {
    seed: number;
    /** Requests entering during the measured time. */
    requests?: number;
    batches?: number;
}

export interface LatencyFigures {
    mean: Estimate;
    p99: Estimate;
}

export interface NodeRequestFigures {
    /** Visits per second (requests and jobs; not replication applies). */
    loadRps: Estimate;
    /** Replication applies per second on its copies. */
    applyRps: Estimate;
    /** Of the busiest role (stations.ts); undefined without capacity. */
    utilization?: Estimate;
    /** Response time at the node; undefined for an overloaded node or one nothing visits. */
    latencyMs?: LatencyFigures;
    /** Share of visits that found every worker busy. */
    waitedShare?: Estimate;
    /** Wait before service, milliseconds (0 for a visit that found a free worker). */
    waitMs?: LatencyFigures;
}

export interface RequestSimResult {
    requests: number;
    simulatedSeconds: number;
    warmUpSeconds: number;
    nodes: NodeRequestFigures[];
    /** End to end over the synchronous path; undefined when an overloaded node is on it. */
    latencyMs?: LatencyFigures;
    /** Per queue with consumers: the latency of its jobs, from the enqueue to the last consumer's answer. */
    jobs: { queue: number; latencyMs?: LatencyFigures }[];
}

interface VisitStep {
    node: number;
    /** 'visit': the node's own service; 'sync-apply': a synchronous replica's apply of this write. */
    kind: 'visit' | 'sync-apply';
    group: number;
    /** The class of this visit: the request's, except a session lookup, which reads. */
    cls: RequestClass;
    /** The station an `each` call goes to (its part: one instance of a tier), else −1: by the node's assignment. */
    station: number;
}

/** Parallel calls (`Nx`, `each`): each branch is a call's whole path; the flow goes on when every branch is done. */
interface ForkStep {
    kind: 'fork';
    branches: Step[][];
}

type Step = VisitStep | ForkStep;

interface Flow {
    start: number;
    steps: Step[];
    position: number;
    measured: boolean;
    /**
     * A request (its end-to-end latency measured), a queue's job (its latency measured apart), a `behind`
     * cache's flush (no one waits for it), or a branch of a fork (its parent goes on when it is done).
     */
    role: 'request' | 'job' | 'flush' | 'branch';
    /** The queue whose job this is, or −1. */
    queue: number;
    batch: number;
    /** A branch's parent flow. */
    parent: Flow | null;
    /** A flow at a fork: its branches not done yet. */
    pending: number;
}

interface Task {
    flow: Flow | null; // null: a replication apply, no one waits for it
    step: VisitStep | null;
    station: number;
    arrived: number;
    service: number;
    /** When its service began. */
    started: number;
    /** Station arrival inside the measured time: its batch, or −1. */
    batch: number;
}

const WARM_UP_SHARE = 0.1;

export function simulateRequests(routing: Routing, plan: StationPlan, options: RequestSimOptions): RequestSimResult | undefined {
    const peak = routing.peakRps;
    const { sources } = routing;
    if (peak === undefined || peak <= 0 || sources.length === 0) return undefined;
    // Sources of equal weight (the entry nodes) are drawn as one of n; clients by their weights.
    const evenSources = sources.every(source => source.weight === sources[0].weight);
    const requests = options.requests ?? 100_000;
    const batches = options.batches ?? 20;
    const measuredMs = (requests / peak) * 1000;
    const warmUpMs = measuredMs * WARM_UP_SHARE;
    const endMs = warmUpMs + measuredMs;
    const batchMs = measuredMs / batches;
    const batchOf = (time: number): number => (time < warmUpMs || time >= endMs ? -1 : Math.min(batches - 1, Math.floor((time - warmUpMs) / batchMs)));

    const arrivalsRandom = createRandom(options.seed, 1);
    const pathRandom = createRandom(options.seed, 2);
    const serviceRandom = createRandom(options.seed, 3);
    const placeRandom = createRandom(options.seed, 4);
    const divergent = new Set(routing.divergentQueues);
    const nodeCount = routing.nodes.length;
    const { stations } = plan;

    // Station state.
    const busy = new Float64Array(stations.length);
    const waiting: Task[][] = stations.map(() => []);
    const waitingHead = new Int32Array(stations.length);
    const roundRobin = new Map<Role, number[]>();

    // Measurements, per batch.
    const visits = new Float64Array(nodeCount * batches);
    const applies = new Float64Array(nodeCount * batches);
    const reportedWork = new Float64Array(nodeCount * batches);
    const reportedVisits = new Float64Array(nodeCount * batches);
    /** Σ service² of the reported role's tasks, for the error of independent samples (withFloor). */
    const reportedWorkSquares = new Float64Array(nodeCount);
    const waited = new Float64Array(nodeCount * batches);
    const responses: number[][][] = Array.from({ length: nodeCount }, () => Array.from({ length: batches }, () => []));
    const waits: number[][][] = Array.from({ length: nodeCount }, () => Array.from({ length: batches }, () => []));
    const endToEnd: number[][] = Array.from({ length: batches }, () => []);
    const queueIndex = new Map<number, number>();
    const jobQueues = routing.nodes.filter(routed => routed.isQueue && routed.calls.length > 0).map(routed => routed.index);
    jobQueues.forEach((queue, i) => queueIndex.set(queue, i));
    const jobLatencies: number[][][] = jobQueues.map(() => Array.from({ length: batches }, () => []));
    const reportedRole = plan.nodes.map(stationsOf => stationsOf.reported);
    const roleOfStation = new Map<number, Role>();
    for (const nodeStations of plan.nodes) for (const role of nodeStations.roles) for (const group of role.stations) for (const s of group) roleOfStation.set(s, role);

    type Event = { kind: 'arrival' } | { kind: 'done'; task: Task };
    const events = new EventQueue<Event>();
    events.push(arrivalsRandom.exponential(1000 / peak), { kind: 'arrival' });
    let measuredOpen = 0;

    for (;;) {
        const next = events.pop();
        if (next === undefined) break;
        const now = next.time;
        if (next.event.kind === 'arrival') {
            // Arrivals go on past the measured time while measured requests are still in flight, so that the
            // last of them queue behind the load they would see in steady state.
            if (now < endMs || measuredOpen > 0) events.push(now + arrivalsRandom.exponential(1000 / peak), { kind: 'arrival' });
            const source = sources[sources.length === 1 ? 0 : evenSources ? pathRandom.below(sources.length) : weightedPick()];
            const cls: RequestClass = pathRandom.chance(source.readShare) ? READ : WRITE;
            const steps: Step[] = [];
            calls(source.calls, cls, steps);
            startFlow(newFlow('request', steps, now, -1), now);
            continue;
        }
        finish(next.event.task, now);
    }

    const perNode = (values: Float64Array, node: number): number[] => Array.from({ length: batches }, (_, b) => values[node * batches + b]);
    const batchSeconds = batchMs / 1000;
    const overloadedOnRequests = plan.nodes.some(n => n.overloaded && (routing.rates.request[READ][n.node] > 0 || routing.rates.request[WRITE][n.node] > 0));
    // Batches shorter than RELAXATIONS_PER_BATCH of a queue's relaxation times are correlated: its latency's error is not known.
    const relaxation = plan.nodes.map(nodeStations => relaxationMs(nodeStations, stations));
    const shortBatches = relaxation.map((tau, node) => {
        const visited = perNode(visits, node).reduce((sum, v) => sum + v, 0);
        // The responses' memory is the queue's, in the share of visits that waited: a queue that seldom waits forgets at once.
        const waitedShare = visited > 0 ? perNode(waited, node).reduce((sum, v) => sum + v, 0) / visited : 0;
        return tau * waitedShare * RELAXATIONS_PER_BATCH > batchMs;
    });
    // A request's memory: each queue's, weighted by the visits a request pays it.
    const pathMemory = (rates: readonly Float64Array[], perUnit: number): number => relaxation.reduce((sum, tau, node) => {
        const visited = perNode(visits, node).reduce((total, v) => total + v, 0);
        const waitedShare = visited > 0 ? perNode(waited, node).reduce((total, v) => total + v, 0) / visited : 0;
        return sum + Math.min(1, (rates[READ][node] + rates[WRITE][node]) / perUnit) * tau * waitedShare;
    }, 0);
    const requestsShort = pathMemory(routing.rates.request, peak) * RELAXATIONS_PER_BATCH > batchMs;
    const enqueued = routing.enqueueRates[READ].reduce((sum, v) => sum + v, 0) + routing.enqueueRates[WRITE].reduce((sum, v) => sum + v, 0);
    const jobsShort = enqueued > 0 && pathMemory(routing.rates.job, enqueued) * RELAXATIONS_PER_BATCH > batchMs;
    return {
        requests,
        simulatedSeconds: measuredMs / 1000,
        warmUpSeconds: warmUpMs / 1000,
        nodes: plan.nodes.map(nodeStations => {
            const node = nodeStations.node;
            const role = reportedRole[node];
            const visitCounts = perNode(visits, node);
            const totalVisits = visitCounts.reduce((sum, v) => sum + v, 0);
            const totalApplies = perNode(applies, node).reduce((sum, v) => sum + v, 0);
            // Each figure's error is at least what independent samples would give (statistics.ts, withFloor).
            // A count of 0 still has the error of one: a rate below 1 / T is not measured as 0 ± 0.
            const loadRps = withFloor(batchEstimate(visitCounts.map(v => v / batchSeconds)), Math.sqrt(Math.max(1, totalVisits)) / (measuredMs / 1000), batches);
            const waitedTotal = perNode(waited, node).reduce((sum, v) => sum + v, 0);
            const waitedShareAll = totalVisits > 0 ? waitedTotal / totalVisits : 0;
            return {
                loadRps,
                applyRps: withFloor(batchEstimate(perNode(applies, node).map(v => v / batchSeconds)), Math.sqrt(totalApplies) / (measuredMs / 1000), batches),
                utilization: role ? utilizationOf(role, perNode(reportedWork, node), perNode(reportedVisits, node), batchMs, reportedWorkSquares[node], batches) : undefined,
                latencyMs: nodeStations.overloaded ? undefined : latencyOf(responses[node], shortBatches[node]),
                waitedShare: nodeStations.overloaded ? undefined : withFloor(
                    batchEstimate(perNode(waited, node).map((w, b) => (visitCounts[b] > 0 ? w / visitCounts[b] : NaN))),
                    totalVisits > 0 ? Math.sqrt((waitedShareAll * (1 - waitedShareAll)) / totalVisits) : 0, batches
                ),
                waitMs: nodeStations.overloaded ? undefined : latencyOf(waits[node], shortBatches[node])
            };
        }),
        latencyMs: overloadedOnRequests ? undefined : latencyOf(endToEnd, requestsShort),
        jobs: jobQueues.map((queue, i) => ({ queue, latencyMs: jobsReachOverload(queue) ? undefined : latencyOf(jobLatencies[i], jobsShort) }))
    };

    // ---- paths ----

    function weightedPick(): number {
        let pick = pathRandom.uniform();
        for (let i = 0; i < sources.length; i++) {
            if (pick < sources[i].weight) return i;
            pick -= sources[i].weight;
        }
        return sources.length - 1;
    }

    /**
     * Appends the steps of a call to `node` (and everything it calls) for a request of class `cls`;
     * `part`: the part an `each` call goes to (a shard group, or for a tier its instance).
     */
    function visit(node: number, cls: RequestClass, steps: Step[], part?: number): void {
        const routed = routing.nodes[node];
        const layout = plan.nodes[node];
        const groups = layout.roles[0].stations.length;
        const group = groups > 1 ? (part !== undefined ? part % groups : placeRandom.below(groups)) : 0;
        // `each` over a tier that is not sharded: one call to every instance (LANGUAGE.md). Sharded tiers hold their shards
        // spread over the instances, and a pooled tier has one queue: there the node's assignment places the call.
        let station = -1;
        if (part !== undefined && layout.layout === 'tier' && !(routed.node.shards && routed.node.shards.count > 1)) {
            const instances = layout.roles[0].stations[0];
            if (instances.length > 1) station = instances[part % instances.length];
        }
        steps.push({ node, kind: 'visit', group, cls, station });
        if (cls === WRITE && layout.syncWrites && layout.roles.length > 1) steps.push({ node, kind: 'sync-apply', group, cls, station: -1 });
        if (routed.isQueue) return; // the request ends at the enqueue; the job starts when it is done
        if (cls === READ && routed.readPassOn < 1 && (routed.readPassOn === 0 || !pathRandom.chance(routed.readPassOn))) return; // a cache hit, or a cache that is the store
        if (cls === WRITE && routed.writePass !== 'sync') return; // a store keeps it; `behind` flushes it after the acknowledgement (afterVisit)
        calls(routed.calls, cls, steps);
    }

    function calls(list: readonly Call[], cls: RequestClass, steps: Step[]): void {
        for (const call of list) {
            if (call.kind === 'call') {
                if (call.carries !== undefined && call.carries !== cls) continue; // an edge of the other class
                if (!(call.share >= 1 || pathRandom.chance(call.share))) continue;
                const callCls = call.sessionLookup ? READ : cls;
                if (call.parallel <= 1) {
                    visit(call.to, callCls, steps, call.each ? 0 : undefined);
                    continue;
                }
                const branches = Array.from({ length: call.parallel }, (_, i) => {
                    const branch: Step[] = [];
                    visit(call.to, callCls, branch, call.each ? i : undefined);
                    return branch;
                });
                steps.push({ kind: 'fork', branches });
                continue;
            }
            // Every target is up here: failover answers with the first, the splits by weight.
            if (call.mode === 'failover') {
                visit(call.targets[0].to, cls, steps);
                continue;
            }
            let pick = pathRandom.uniform();
            let chosen = call.targets[call.targets.length - 1].to;
            for (const target of call.targets) {
                if (pick < target.weight) {
                    chosen = target.to;
                    break;
                }
                pick -= target.weight;
            }
            visit(chosen, cls, steps);
        }
    }

    // ---- flows and stations ----

    function newFlow(role: Flow['role'], steps: Step[], now: number, queue: number, parent: Flow | null = null): Flow {
        const batch = batchOf(now);
        // A branch is part of its parent's time: only whole flows hold the arrivals going (measuredOpen).
        return { start: now, steps, position: 0, measured: role !== 'branch' && batch >= 0, role, queue, batch, parent, pending: 0 };
    }

    function startFlow(flow: Flow, now: number): void {
        if (flow.measured) measuredOpen++;
        if (flow.steps.length === 0) {
            endFlow(flow, now);
            return;
        }
        startStep(flow, now);
    }

    function startStep(flow: Flow, now: number): void {
        const step = flow.steps[flow.position];
        if (step.kind === 'fork') {
            const branches = step.branches.filter(branch => branch.length > 0);
            flow.pending = branches.length;
            if (branches.length === 0) {
                advance(flow, now);
                return;
            }
            for (const branch of branches) startFlow(newFlow('branch', branch, now, -1, flow), now);
            return;
        }
        const layout = plan.nodes[step.node];
        const station = step.kind === 'sync-apply' ? layout.roles[1].stations[step.group][0] : step.station >= 0 ? step.station : stationFor(layout, step.cls, step.group);
        arrive({ flow, step, station, arrived: now, service: 0, started: now, batch: batchOf(now) }, now);
    }

    /** The flow's next step, or its end. */
    function advance(flow: Flow, now: number): void {
        flow.position++;
        if (flow.position < flow.steps.length) startStep(flow, now);
        else endFlow(flow, now);
    }

    /** The station a visit goes to: a database's primary or a replica by class, a tier's instance by its balancer's algorithm. */
    function stationFor(layout: NodeStations, cls: RequestClass, group: number): number {
        const [first, second] = layout.roles;
        switch (layout.layout) {
            case 'primary_replica':
                return cls === WRITE ? first.stations[group][0] : pickIn(second, group);
            case 'primary_backup':
            case 'single':
                return first.stations[group][0];
            default:
                return pickIn(first, group);
        }
    }

    function pickIn(role: Role, group: number): number {
        const candidates = role.stations[group];
        if (candidates.length === 1) return candidates[0];
        if (role.assignment === 'round_robin') {
            let counters = roundRobin.get(role);
            if (!counters) roundRobin.set(role, (counters = new Array<number>(role.stations.length).fill(0)));
            const chosen = candidates[counters[group] % candidates.length];
            counters[group]++;
            return chosen;
        }
        return candidates[placeRandom.below(candidates.length)];
    }

    function arrive(task: Task, now: number): void {
        const station = stations[task.station];
        const mean = task.step?.kind === 'sync-apply' && station.meanServiceMs === 0 ? SIM_DEFAULTS.syncApplyMs : station.meanServiceMs;
        task.service = serviceRandom.exponential(mean);
        const node = station.node;
        if (task.batch >= 0) {
            const cell = node * batches + task.batch;
            if (task.step?.kind === 'visit') visits[cell]++;
            else applies[cell]++;
            if (roleOfStation.get(task.station) === reportedRole[node]) {
                reportedWork[cell] += task.service;
                reportedWorkSquares[node] += task.service * task.service;
                reportedVisits[cell]++;
            }
            if (task.step?.kind === 'visit' && busy[task.station] >= station.workers) waited[cell]++;
        }
        if (busy[task.station] < station.workers) {
            busy[task.station]++;
            events.push(now + task.service, { kind: 'done', task });
        } else {
            waiting[task.station].push(task);
        }
    }

    function finish(task: Task, now: number): void {
        const stationIndex = task.station;
        const queue = waiting[stationIndex];
        if (waitingHead[stationIndex] < queue.length) {
            const nextTask = queue[waitingHead[stationIndex]++];
            if (waitingHead[stationIndex] > 1024 && waitingHead[stationIndex] * 2 > queue.length) {
                queue.splice(0, waitingHead[stationIndex]);
                waitingHead[stationIndex] = 0;
            }
            nextTask.started = now;
            events.push(now + nextTask.service, { kind: 'done', task: nextTask });
        } else {
            busy[stationIndex]--;
        }

        const { flow, step } = task;
        if (flow === null || step === null) return;
        if (step.kind === 'visit' && task.batch >= 0) {
            responses[step.node][task.batch].push(now - task.arrived);
            waits[step.node][task.batch].push(task.started - task.arrived);
        }
        if (step.kind === 'visit') afterVisit(step, stationIndex, now);
        advance(flow, now);
    }

    /** What a visit sets going that no one waits for: replication applies, a queue's job, a `behind` cache's flush. */
    function afterVisit(step: VisitStep, servedBy: number, now: number): void {
        const layout = plan.nodes[step.node];
        if (step.cls === WRITE && layout.roles.length > 0) {
            const group = step.group;
            if (layout.layout === 'primary_replica' || (layout.layout === 'primary_backup' && layout.roles.length > 1)) {
                const copies = layout.roles[1].stations[group];
                // A sync write has had its first replica's apply as a step of its own.
                for (let i = layout.syncWrites ? 1 : 0; i < copies.length; i++) apply(copies[i], now);
            } else if (layout.layout === 'multi_master') {
                // The master that took the write is the one whose station served it: the others apply it.
                const masters = layout.roles[0].stations[group];
                for (const master of masters) if (master !== servedBy) apply(master, now);
            }
        }
        const routed = routing.nodes[step.node];
        if (routed.isQueue && !divergent.has(step.node) && routed.calls.length > 0) {
            const steps: Step[] = [];
            calls(routed.calls, step.cls, steps);
            startFlow(newFlow('job', steps, now, step.node), now);
        }
        if (step.cls === WRITE && routed.writePass === 'deferred' && routed.calls.length > 0) {
            const steps: Step[] = [];
            calls(routed.calls, WRITE, steps);
            startFlow(newFlow('flush', steps, now, -1), now);
        }
    }

    function apply(station: number, now: number): void {
        arrive({ flow: null, step: null, station, arrived: now, service: 0, started: now, batch: batchOf(now) }, now);
    }

    function endFlow(flow: Flow, now: number): void {
        if (flow.parent !== null) {
            // The slowest branch of a fork sets its parent going again.
            if (--flow.parent.pending === 0) advance(flow.parent, now);
            return;
        }
        if (!flow.measured) return;
        measuredOpen--;
        if (flow.role === 'request') endToEnd[flow.batch].push(now - flow.start);
        else if (flow.role === 'job') jobLatencies[queueIndex.get(flow.queue)!][flow.batch].push(now - flow.start);
    }

    function jobsReachOverload(queue: number): boolean {
        const seen = new Set<number>();
        const stack = routing.nodes[queue].calls.flatMap(call => (call.kind === 'call' ? [call.to] : call.targets.map(t => t.to)));
        while (stack.length > 0) {
            const at = stack.pop()!;
            if (seen.has(at)) continue;
            seen.add(at);
            if (plan.nodes[at].overloaded) return true;
            if (routing.nodes[at].isQueue) continue;
            for (const call of routing.nodes[at].calls) stack.push(...(call.kind === 'call' ? [call.to] : call.targets.map(t => t.to)));
        }
        return false;
    }
}

/**
 * Utilization of a role: the service time given to its stations over their workers and the time
 * (k workers per instance, each serving at C / k, so k × the time is 100%); load over capacity for a
 * role whose requests take no time.
 */
function utilizationOf(role: Role, work: number[], roleVisits: number[], batchMs: number, workSquares: number, batches: number): Estimate | undefined {
    if (role.capacityRps === undefined) return undefined;
    const measuredMs = batchMs * work.length;
    if (!work.some(w => w > 0)) {
        const visitsAll = roleVisits.reduce((sum, v) => sum + v, 0);
        return withFloor(batchEstimate(roleVisits.map(v => v / (batchMs / 1000) / role.capacityRps!)), Math.sqrt(visitsAll) / (measuredMs / 1000) / role.capacityRps, batches);
    }
    // Independent visits: the work handed out is a Poisson sum of service times, variance N·E[S²].
    return withFloor(batchEstimate(work.map(w => w / (role.workers * batchMs))), Math.sqrt(workSquares) / (role.workers * measuredMs), batches);
}

/**
 * A batch must hold this many relaxation times of a queue (weighted by the share of visits that
 * wait: the rest are service times, independent of each other) for its batch means to be about
 * independent. Measured on an M/M/1 at ρ = 0.8 (relaxation 0.9 s, 80% wait) over 40 seeds: with
 * batches of 3.5 relaxation times the reported errors of the mean and the p99 were 1.6 and 2.4 times
 * too small (root mean square of the z-scores), with 7 times 1.3 and 2.3, with 21 times 1.0 and 1.3.
 */
export const RELAXATIONS_PER_BATCH = 25;

/**
 * How long the node's busiest queue takes to forget its state: for an M/M/c queue of mean service S
 * at utilization ρ, about S / (c·(1 − √ρ)²) (Morse's relaxation time: 1 / (μ(√c − √(λ/μ))²)). 0 for
 * a delay or a role without utilization.
 */
function relaxationMs(nodeStations: NodeStations, stations: readonly Station[]): number {
    let longest = 0;
    for (const role of nodeStations.roles) {
        const rho = role.expectedUtilization;
        if (rho === undefined || !(rho > 0) || rho >= 1) continue;
        for (const group of role.stations) {
            for (const index of group) {
                const station = stations[index];
                if (!Number.isFinite(station.workers) || station.meanServiceMs <= 0) continue;
                longest = Math.max(longest, station.meanServiceMs / (station.workers * (1 - Math.sqrt(rho)) ** 2));
            }
        }
    }
    return longest;
}

/** Mean and p99 of per-batch samples; with `shortBatches` their errors are unknown (Infinity): the run is too short for the queue. */
function latencyOf(samples: number[][], shortBatches = false): LatencyFigures | undefined {
    if (samples.every(batch => batch.length === 0)) return undefined;
    const mean = batchEstimate(samples.map(batch => (batch.length > 0 ? batch.reduce((sum, v) => sum + v, 0) / batch.length : NaN)));
    let n = 0, sum = 0, squares = 0;
    for (const batch of samples) for (const v of batch) { n++; sum += v; squares += v * v; }
    const variance = n > 1 ? Math.max(0, (squares - (sum * sum) / n) / (n - 1)) : 0;
    const figures = { mean: withFloor(mean, Math.sqrt(variance / n), samples.length), p99: quantileEstimate(samples, 0.99) };
    if (!shortBatches) return figures;
    const unknown = (estimate: Estimate): Estimate => ({ value: estimate.value, standardError: Infinity, low: -Infinity, high: Infinity });
    return { mean: unknown(figures.mean), p99: unknown(figures.p99) };
}
