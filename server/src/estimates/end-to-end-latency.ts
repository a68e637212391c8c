/**
 * Response time of a whole request, from an entry through every call it makes
 * (calls are made one after another; a cache calls on only on a miss). The
 * mean follows by linearity: T(x) = R(x) + Σ p(x→y)·T(y). The p99 has no
 * closed form over a call graph, so it is a seeded Monte Carlo (ESTIMATES.md,
 * introduction): each visit draws the node's M/M/c response time — with
 * probability 1 − C an Exp(μ) service time, with probability C an Exp(θ) wait
 * plus an Exp(μ) service time, θ = cμ − λ.
 */
import { mulberry32 } from './random.js';

export interface Hop {
    to: string;
    /** Probability that one request at the caller makes this call. */
    probability: number;
    /**
     * Hops of the same `choice` are alternatives: a request takes at most one of them (a dns answering
     * with one of its targets, edge-calls.ts `routedShare`), not each on its own draw. Their probabilities sum to 1 at most.
     */
    choice?: string;
    /**
     * Parallel calls each time the hop is taken (`Nx`, or one per shard for `each`): the request waits for
     * the slowest (ESTIMATES.md: the q-quantile of the slowest of N is the q^(1/N)-quantile of one call; its
     * mean, the mean of the slowest). Drawn as N independent calls, the maximum kept.
     */
    parallel?: number;
}

/** One M/M/c queue a visit passes: mean service time S (ms), P(wait) and θ (per ms). */
export interface QueueTiming {
    serviceMs: number;
    pWait: number;
    thetaPerMs: number;
}

export interface NodeTiming extends QueueTiming {
    /** The mean response time of a visit (of its parts, weighted, when it has them). */
    meanResponseMs: number;
    /**
     * Visits that meet different queues (a replicated database: reads at a replica, writes at the
     * primary and, with `mode sync`, a replica's apply; replicated-timing.ts): each part with its share
     * of the visits and the queues it passes one after another. Without parts every visit meets the one
     * queue above.
     */
    parts?: readonly { share: number; stages: readonly QueueTiming[] }[];
}

export const LATENCY_SEED = 7;
/** Enough draws for a stable p99 (about 100 draws beyond it) while keeping 1,000-node models quick. */
const MAX_SAMPLES = 10_000;
const VISIT_BUDGET = 1_000_000;

export interface EndToEnd {
    meanMs: number;
    p99Ms: number;
}

/** Mean and p99 end-to-end, or undefined when a node on the way cannot keep up (its response time is unbounded). */
export function endToEndLatency(
    entries: readonly { name: string; share: number }[],
    hops: ReadonlyMap<string, readonly Hop[]>,
    timing: ReadonlyMap<string, NodeTiming | undefined>,
    order: readonly string[]
): EndToEnd | undefined {
    // Mean by linearity, callees before callers (`order` is topological).
    const meanFrom = new Map<string, number>();
    for (let i = order.length - 1; i >= 0; i--) {
        const name = order[i];
        const own = timing.get(name)?.meanResponseMs ?? 0;
        if (!Number.isFinite(own)) return undefined;
        const calls = (hops.get(name) ?? []).reduce((sum, hop) => sum + hop.probability * (meanFrom.get(hop.to) ?? 0), 0);
        meanFrom.set(name, own + calls);
    }
    const meanMs = entries.reduce((sum, entry) => sum + entry.share * (meanFrom.get(entry.name) ?? 0), 0);

    // Expected visits per request, to size the Monte Carlo within its budget.
    const visits = new Map<string, number>();
    for (let i = order.length - 1; i >= 0; i--) {
        const name = order[i];
        visits.set(name, 1 + (hops.get(name) ?? []).reduce((sum, hop) => sum + hop.probability * (hop.parallel ?? 1) * (visits.get(hop.to) ?? 0), 0));
    }
    const perRequest = entries.reduce((sum, entry) => sum + entry.share * (visits.get(entry.name) ?? 1), 0);
    const samples = Math.max(1_000, Math.min(MAX_SAMPLES, Math.floor(VISIT_BUDGET / Math.max(1, perRequest))));

    const random = mulberry32(LATENCY_SEED);
    const exponential = (ratePerMs: number): number => -Math.log(1 - random()) / ratePerMs;
    const queued = (t: QueueTiming): number => {
        if (t.serviceMs <= 0) return 0;
        let time = exponential(1 / t.serviceMs);
        if (random() < t.pWait) time += exponential(t.thetaPerMs);
        return time;
    };
    const slowest = (hop: Hop): number => {
        let time = draw(hop.to);
        for (let i = 1; i < (hop.parallel ?? 1); i++) time = Math.max(time, draw(hop.to));
        return time;
    };
    const draw = (name: string): number => {
        const t = timing.get(name);
        let time = 0;
        if (t?.parts) {
            let pick = random();
            let part = t.parts[t.parts.length - 1];
            for (const candidate of t.parts) {
                if (pick < candidate.share) { part = candidate; break; }
                pick -= candidate.share;
            }
            for (const stage of part.stages) time += queued(stage);
        } else if (t) {
            time += queued(t);
        }
        // Per choice, one draw: what is left of it after the alternatives before (Infinity once one is taken).
        let picks: Map<string, number> | undefined;
        for (const hop of hops.get(name) ?? []) {
            if (hop.choice === undefined) {
                if (random() < hop.probability) time += slowest(hop);
                continue;
            }
            picks ??= new Map();
            const pick = picks.get(hop.choice) ?? random();
            if (pick < hop.probability) {
                picks.set(hop.choice, Infinity);
                time += slowest(hop);
            } else {
                picks.set(hop.choice, pick - hop.probability);
            }
        }
        return time;
    };
    const times = new Float64Array(samples);
    for (let i = 0; i < samples; i++) {
        let pick = random();
        let entry = entries[entries.length - 1];
        for (const candidate of entries) {
            if (pick < candidate.share) { entry = candidate; break; }
            pick -= candidate.share;
        }
        times[i] = draw(entry.name);
    }
    // Linearity gives the mean exactly, except through a parallel fan-out (the mean of the slowest of N):
    // then the draws' mean.
    const fanOut = [...hops.values()].some(list => list.some(hop => (hop.parallel ?? 1) > 1));
    const drawnMean = fanOut ? times.reduce((sum, t) => sum + t, 0) / samples : meanMs;
    times.sort();
    return { meanMs: drawnMean, p99Ms: times[Math.min(samples - 1, Math.ceil(samples * 0.99) - 1)] };
}
