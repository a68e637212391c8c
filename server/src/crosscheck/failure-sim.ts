/**
 * The failure simulation: every unit (instance, database copy) alternates up and down, with an
 * exponential up time of mean MTBF and an exponential down time of mean MTBF × (1 − a) / a, so that
 * it is up a share a of the time. The simulation steps from one failure or repair to the next over
 * the whole system, keeps who is primary (failovers take their promotion time, need the arbiter's
 * quorum), and integrates the share of requests served over simulated years. Integrating the state
 * instead of sampling requests is what makes 99.9999%-level figures reachable: the error comes from
 * the number of outages seen, not from the number of requests.
 *
 * The zone-lost figures run in the same pass as views of the same unit histories with one zone held
 * down (common random numbers): each view has its own primaries and promotions.
 */
import type { AvailabilityModel, FailoverGroup, NodeRule } from './availability-model.js';
import { YEAR_MS } from './defaults.js';
import { EventQueue } from './event-queue.js';
import { createRandom, type Random } from './random.js';
import { CLASSES, READ, WRITE, type Routing } from './request-paths.js';
import { ServedShare, type NodeShares } from './served-share.js';
import { batchEstimate, TimeAverages, type Estimate } from './statistics.js';

export interface FailureSimOptions {
    seed: number;
    /** Simulated years; without it, as many as `unitEvents` failures and repairs take (between 2 and 200,000 years). */
    years?: number;
    /** Failures and repairs to simulate when `years` is not given. */
    unitEvents?: number;
    /** Batches for the standard error. */
    batches?: number;
}

export interface FailureSimResult {
    years: number;
    unitEvents: number;
    /** Times the system went from serving everything (all it can: see `lossFloor`) to serving less. */
    outageEpisodes: number;
    /** The least share of requests lost at any time: what nodes held down for the whole run (a scenario's) always cost. */
    lossFloor: number;
    /** Share of requests served, zones up. */
    system: Estimate;
    /** Share of requests served with each zone down (empty when the system declares no zones). */
    byZone: { zone: string; system: Estimate }[];
    /** Per node: the share of its own requests it serves (reads and writes in its own mix). */
    nodes: Estimate[];
    /**
     * Per node: times it went from serving all its requests to serving fewer. With none, its figure is
     * 1 ± 0: the run was too short to see the node fail, not a proof that it cannot.
     */
    nodeOutages: number[];
    /** Per queue: the share of its jobs whose consumers' path is served. */
    queues: { queue: number; jobs: Estimate }[];
}

const WARM_UP_MS = 7 * 24 * 3_600_000;
const DEFAULT_UNIT_EVENTS = 400_000;

interface Promotion {
    view: number;
    group: number;
    token: number;
}

/** What a unit counts toward: a pool's or masters group's counter, a failover group, shards. */
interface UnitPlace {
    node: number;
    counters: number[];
    group: number; // failover group, or −1
}

export function simulateFailures(routing: Routing, model: AvailabilityModel, options: FailureSimOptions): FailureSimResult {
    const { units, rules } = model;
    const nodeCount = routing.nodes.length;
    const batches = options.batches ?? 40;

    // Counters: one per pool, per masters group, per shard; failover groups are numbered apart.
    const counterSize: number[] = [];
    const groups: FailoverGroup[] = [];
    const places: UnitPlace[] = units.map(unit => ({ node: unit.node, counters: [], group: -1 }));
    const ruleCounters: number[][] = [];
    const ruleGroups: number[][] = [];
    rules.forEach((rule, node) => {
        const counters: number[] = [], ownGroups: number[] = [];
        if (rule.kind === 'pool') counters.push(addCounter(rule.units, counterSize, places));
        else if (rule.kind === 'masters') for (const group of rule.groups) counters.push(addCounter(group.units, counterSize, places));
        else if (rule.kind === 'shards') for (const shard of rule.shards) counters.push(addCounter(shard, counterSize, places));
        else {
            for (const group of rule.groups) {
                const id = groups.length;
                groups.push(group);
                ownGroups.push(id);
                counters.push(addCounter(group.copies, counterSize, places));
                for (const unit of group.copies) places[unit].group = id;
            }
        }
        ruleCounters[node] = counters;
        ruleGroups[node] = ownGroups;
    });
    const groupCounter = new Int32Array(groups.length);
    rules.forEach((rule, node) => ruleGroups[node].forEach((id, i) => (groupCounter[id] = ruleCounters[node][i])));
    const dependents = new Map<number, number[]>();
    groups.forEach((group, id) => {
        if (group.arbiter !== undefined) dependents.set(group.arbiter, [...(dependents.get(group.arbiter) ?? []), id]);
    });
    const keepShareCaller = new Uint8Array(nodeCount);
    for (const routed of routing.nodes) for (const call of routed.calls) if (call.kind === 'call' && call.keepsShare) keepShareCaller[call.to] = 1;

    const viewZones: (string | undefined)[] = [undefined, ...model.zones];
    const views = viewZones.map((zone, index) => createView(zone, index));
    const queues = routing.nodes.filter(routed => routed.isQueue && routed.calls.length > 0).map(routed => routed.index);
    const served = views.map(() => new ServedShare(routing));

    // Time: a warm-up (primaries settle, promotions under way at the start are not counted), then the measured years.
    const unitEventsPerYear = units.reduce((sum, unit) => {
        if (!(unit.availability > 0 && unit.availability < 1)) return sum;
        return sum + (2 * YEAR_MS) / (unit.mtbfMs + downMean(unit.availability, unit.mtbfMs));
    }, 0);
    const years = options.years ?? (unitEventsPerYear > 0 ? Math.min(200_000, Math.max(2, (options.unitEvents ?? DEFAULT_UNIT_EVENTS) / unitEventsPerYear)) : 20);
    const end = WARM_UP_MS + years * YEAR_MS;

    const up = new Uint8Array(units.length);
    const streams: Random[] = units.map((_, i) => createRandom(options.seed, 1000 + i));
    const events = new EventQueue<number | Promotion>();
    units.forEach((unit, i) => {
        const a = unit.availability;
        up[i] = a >= 1 ? 1 : a <= 0 ? 0 : streams[i].chance(a) ? 1 : 0;
        if (a > 0 && a < 1) events.push(streams[i].exponential(up[i] ? unit.mtbfMs : downMean(a, unit.mtbfMs)), i);
    });

    // Loss (1 − served), integrated: per node and per queue in the base view, the system per view.
    const nodeLossIndex = (node: number): number => node;
    const queueLossIndex = (q: number): number => nodeCount + q;
    const systemLossIndex = (view: number): number => nodeCount + queues.length + view;
    for (const view of views) initialize(view, 0);
    const initial = new Float64Array(nodeCount + queues.length + views.length);
    for (let node = 0; node < nodeCount; node++) initial[nodeLossIndex(node)] = nodeLoss(views[0], node);
    views.forEach((view, v) => {
        served[v].updateAll(view.shares);
        initial[systemLossIndex(v)] = lossOf(served[v].system(view.shares));
        if (v === 0) queues.forEach((queue, q) => (initial[queueLossIndex(q)] = jobLoss(view, queue)));
    });
    const queuePlace = new Map(queues.map((queue, q) => [queue, q]));
    const averages = new TimeAverages(initial.length, WARM_UP_MS, end, batches, initial);
    let systemLossFloor = initial[systemLossIndex(0)];

    let unitEvents = 0;
    let outageEpisodes = 0;
    const nodeOutages = new Array<number>(nodeCount).fill(0);
    const changed: number[][] = views.map(() => []);
    for (;;) {
        const next = events.pop();
        if (next === undefined || next.time > end) break;
        const time = next.time;
        if (typeof next.event === 'number') {
            const unit = next.event;
            up[unit] ^= 1;
            const a = units[unit].availability;
            events.push(time + streams[unit].exponential(up[unit] ? units[unit].mtbfMs : downMean(a, units[unit].mtbfMs)), unit);
            if (time >= WARM_UP_MS) unitEvents++;
            for (let v = 0; v < views.length; v++) if (!views[v].forced[unit]) unitChanged(views[v], unit, up[unit] === 1, time, changed[v]);
        } else {
            const { view, group, token } = next.event;
            promotionDone(views[view], group, token, time, changed[view]);
        }
        for (let v = 0; v < views.length; v++) {
            if (changed[v].length === 0) continue;
            const view = views[v];
            const reachedQueues = served[v].updateFrom(view.shares, changed[v]);
            const systemLoss = lossOf(served[v].system(view.shares));
            if (v === 0) {
                // An outage begins where the loss rises from the least it has been: 0, or what nodes held down for the
                // whole run (a scenario's) always cost, which is no outage of its own.
                const before = averages.value(systemLossIndex(0));
                if (before <= systemLossFloor + 1e-12 && systemLoss > before + 1e-12 && time >= WARM_UP_MS) outageEpisodes++;
                systemLossFloor = Math.min(systemLossFloor, systemLoss);
                for (const node of changed[v]) {
                    const loss = nodeLoss(view, node);
                    if (averages.value(nodeLossIndex(node)) === 0 && loss > 0 && time >= WARM_UP_MS) nodeOutages[node]++;
                    averages.set(nodeLossIndex(node), loss, time);
                }
                for (const queue of reachedQueues) {
                    const q = queuePlace.get(queue);
                    if (q !== undefined) averages.set(queueLossIndex(q), jobLoss(view, queue), time);
                }
            }
            averages.set(systemLossIndex(v), systemLoss, time);
            changed[v].length = 0;
        }
    }

    const lossBatches = averages.finish();
    const availability = (index: number): Estimate => complement(batchEstimate(Array.from(lossBatches[index])));
    return {
        years,
        unitEvents,
        outageEpisodes,
        lossFloor: systemLossFloor,
        system: availability(systemLossIndex(0)),
        byZone: model.zones.map((zone, z) => ({ zone, system: availability(systemLossIndex(z + 1)) })),
        nodes: routing.nodes.map(({ index }) => availability(nodeLossIndex(index))),
        nodeOutages,
        queues: queues.map((queue, q) => ({ queue, jobs: availability(queueLossIndex(q)) }))
    };

    // ---- one view: the units' histories with one zone (or none) held down ----

    interface View {
        index: number;
        forced: Uint8Array;
        upCount: Int32Array;
        holder: Int32Array;
        lastHolder: Int32Array;
        promotionAt: Float64Array;
        token: Int32Array;
        shares: NodeShares;
    }

    function createView(zone: string | undefined, index: number): View {
        const forced = new Uint8Array(units.length);
        if (zone !== undefined) units.forEach((unit, i) => (forced[i] = unit.lostWith.includes(zone) ? 1 : 0));
        return {
            index,
            forced,
            upCount: new Int32Array(counterSize.length),
            holder: new Int32Array(groups.length).fill(-1),
            lastHolder: new Int32Array(groups.length),
            promotionAt: new Float64Array(groups.length).fill(Infinity),
            token: new Int32Array(groups.length),
            shares: {
                served: CLASSES.map(() => new Float64Array(nodeCount)),
                servedKeepingShare: CLASSES.map(() => new Float64Array(nodeCount))
            }
        };
    }

    function isUp(view: View, unit: number): boolean {
        return up[unit] === 1 && view.forced[unit] === 0;
    }

    function initialize(view: View, time: number): void {
        units.forEach((_, unit) => {
            if (isUp(view, unit)) for (const counter of places[unit].counters) view.upCount[counter]++;
        });
        groups.forEach((group, id) => {
            const first = group.copies.findIndex(unit => isUp(view, unit));
            view.holder[id] = first;
            view.lastHolder[id] = Math.max(0, first);
        });
        for (let node = 0; node < nodeCount; node++) recomputeNode(view, node);
        // Arbiters are known now: groups whose primary could not start settle (a promotion may begin).
        groups.forEach((_, id) => settle(view, id, time));
        for (let node = 0; node < nodeCount; node++) recomputeNode(view, node);
    }

    function unitChanged(view: View, unit: number, nowUp: boolean, time: number, changed: number[]): void {
        const place = places[unit];
        for (const counter of place.counters) view.upCount[counter] += nowUp ? 1 : -1;
        if (place.group >= 0) settle(view, place.group, time);
        nodeMayHaveChanged(view, place.node, time, changed);
    }

    function nodeMayHaveChanged(view: View, node: number, time: number, changed: number[]): void {
        if (!recomputeNode(view, node)) return;
        changed.push(node);
        // An arbiter's quorum gained or lost: its databases' primaries hold or lose their role, promotions start or stop.
        for (const id of dependents.get(node) ?? []) {
            settle(view, id, time);
            nodeMayHaveChanged(view, groups[id].node, time, changed);
        }
    }

    function quorum(view: View, group: FailoverGroup): boolean {
        return group.arbiter === undefined || view.shares.served[READ][group.arbiter] >= 1;
    }

    /**
     * The primary's role after a change: a primary that fails loses it; while none holds it, the last
     * primary takes it back the moment it is up again, and otherwise a promotion runs for the promotion
     * time, as long as another copy is up and the arbiter (if any) has its quorum; a promotion that loses
     * either starts over when they return.
     */
    function settle(view: View, id: number, time: number): void {
        const group = groups[id];
        const holder = view.holder[id];
        if (holder >= 0 && isUp(view, group.copies[holder])) return;
        if (holder >= 0) {
            view.lastHolder[id] = holder;
            view.holder[id] = -1;
        }
        if (isUp(view, group.copies[view.lastHolder[id]])) {
            view.holder[id] = view.lastHolder[id];
            cancelPromotion(view, id);
            return;
        }
        const canPromote = quorum(view, group) && group.copies.some(unit => isUp(view, unit));
        if (!canPromote) {
            cancelPromotion(view, id);
            return;
        }
        if (view.promotionAt[id] === Infinity) {
            view.promotionAt[id] = time + group.promotionMs;
            events.push(view.promotionAt[id], { view: view.index, group: id, token: ++view.token[id] });
        }
    }

    function cancelPromotion(view: View, id: number): void {
        if (view.promotionAt[id] === Infinity) return;
        view.promotionAt[id] = Infinity;
        view.token[id]++;
    }

    function promotionDone(view: View, id: number, token: number, time: number, changed: number[]): void {
        if (token !== view.token[id] || view.holder[id] >= 0) return;
        view.promotionAt[id] = Infinity;
        const group = groups[id];
        const candidate = quorum(view, group) ? group.copies.findIndex(unit => isUp(view, unit)) : -1;
        if (candidate >= 0) {
            view.holder[id] = candidate;
            view.lastHolder[id] = candidate;
        } else {
            settle(view, id, time);
        }
        nodeMayHaveChanged(view, group.node, time, changed);
    }

    /** Writes the node's served shares for this view; whether any changed. */
    function recomputeNode(view: View, node: number): boolean {
        const rule: NodeRule = rules[node];
        const counters = ruleCounters[node];
        let read: number, write: number, keepRead: number, keepWrite: number;
        if (rule.kind === 'pool') {
            const count = view.upCount[counters[0]];
            read = write = rule.proportional ? count / (rule.of ?? rule.units.length) : count >= rule.need ? 1 : 0;
            // A dead instance keeps its share: the live ones carry only their own, so none is overloaded.
            keepRead = keepWrite = count / rule.units.length;
        } else if (rule.kind === 'masters') {
            read = rule.groups.reduce((sum, group, i) => sum + (rule.proportional ? view.upCount[counters[i]] / (rule.of ?? group.units.length) : view.upCount[counters[i]] >= group.need ? 1 : 0), 0) / rule.groups.length;
            write = keepRead = keepWrite = read;
        } else if (rule.kind === 'shards') {
            read = counters.reduce((sum, counter) => sum + (view.upCount[counter] > 0 ? 1 : 0), 0) / counters.length;
            write = keepRead = keepWrite = read;
        } else {
            read = 0;
            write = 0;
            ruleGroups[node].forEach(id => {
                const group = groups[id];
                const copiesUp = view.upCount[groupCounter[id]];
                const holding = view.holder[id] >= 0;
                read += group.readsFromAnyCopy ? (copiesUp > 0 ? 1 : 0) : holding ? 1 : 0;
                write += holding && quorum(view, group) && (!group.syncWrites || copiesUp >= 2) ? 1 : 0;
            });
            read /= rule.groups.length;
            write /= rule.groups.length;
            keepRead = read;
            keepWrite = write;
        }
        const { served: s, servedKeepingShare: k } = view.shares;
        const same = s[READ][node] === read && s[WRITE][node] === write && (keepShareCaller[node] === 0 || (k[READ][node] === keepRead && k[WRITE][node] === keepWrite));
        s[READ][node] = read;
        s[WRITE][node] = write;
        k[READ][node] = keepRead;
        k[WRITE][node] = keepWrite;
        return !same;
    }

    function nodeLoss(view: View, node: number): number {
        const read = routing.rates.total[READ][node], write = routing.rates.total[WRITE][node];
        const readMix = read + write > 0 ? read / (read + write) : routing.readShare;
        const shares = keepShareCaller[node] ? view.shares.servedKeepingShare : view.shares.served;
        return lossOf(readMix * shares[READ][node] + (1 - readMix) * shares[WRITE][node]);
    }

    function jobLoss(view: View, queue: number): number {
        const read = routing.enqueueRates[READ][queue], write = routing.enqueueRates[WRITE][queue];
        const readMix = read + write > 0 ? read / (read + write) : routing.readShare;
        return lossOf(readMix * served[view.index].jobs(queue, READ, view.shares) + (1 - readMix) * served[view.index].jobs(queue, WRITE, view.shares));
    }
}

/**
 * 1 − a served share, with the rounding of the products that make it (a share that is 1 or 0 in
 * exact arithmetic comes out as 1 − 2⁻⁵³ or 3·10⁻¹⁶) taken back to the exact value: otherwise a
 * state that serves everything would count as an outage, and a zone view that serves nothing would
 * read 0.000000000000033%.
 */
function lossOf(served: number): number {
    const loss = 1 - served;
    return loss < 1e-12 ? 0 : loss > 1 - 1e-12 ? 1 : loss;
}

function addCounter(members: readonly number[], counterSize: number[], places: UnitPlace[]): number {
    const id = counterSize.length;
    counterSize.push(members.length);
    for (const unit of members) places[unit].counters.push(id);
    return id;
}

function downMean(availability: number, mtbfMs: number): number {
    return (mtbfMs * (1 - availability)) / availability;
}

/** 1 − the loss estimate: the served share, with the same error. */
function complement(loss: Estimate): Estimate {
    // Batch averages of a loss held at exactly 0 or 1 come back off by a rounding (3·10⁻¹⁶): taken back to the exact value.
    const exact = (x: number): number => (Math.abs(x) < 1e-12 ? 0 : Math.abs(1 - x) < 1e-12 ? 1 : x);
    return { value: exact(1 - loss.value), standardError: loss.standardError < 1e-12 ? 0 : loss.standardError, low: exact(1 - loss.high), high: exact(1 - loss.low), ...(loss.degrees !== undefined ? { degrees: loss.degrees } : {}) };
}
