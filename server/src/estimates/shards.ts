/**
 * Shard math (ESTIMATES.md, "Shards"): how much of the traffic the hottest
 * key and the busiest shard take under Zipf popularity, and how much data
 * moves when a shard is added. Pure math: shares are fractions.
 */

import { keyPowerMass, zipfKeys, type KeyPopularity, type ZipfKeys } from './key-popularity.js';
import { normalQuantile } from './normal.js';
import { generalizedHarmonic } from './power-sums.js';
import { MULBERRY32_INCREMENT, mulberry32, mulberry32Output } from './random.js';

/**
 * Share of all requests that go to the most popular key under Zipf(s) over K
 * keys: 1 / H_{K,s} (ESTIMATES.md, "Shards"). Oracle: s = 1 over 10⁶ keys →
 * 6.95%; uniform (s = 0) → 1/K.
 */
export function zipfTopKeyShare(keys: number, s: number): number {
    return 1 / generalizedHarmonic(keys, s);
}

/** Key popularity as one Zipf (`keys`, `zipf`) or as any `KeyPopularity` (a mixture of clients' keys). */
export type BusiestShardInput = (ZipfKeys | { popularity: KeyPopularity }) & {
    /** Shards, N ≥ 1. */
    shards: number;
    /** PRNG seed: the same input and seed give the same output. */
    seed?: number;
    /** Placements averaged over (default: as many as fit `DRAW_BUDGET` draws, 32 to 1,000). */
    trials?: number;
    /** Keys placed one by one, the heaviest first (default SIMULATED_KEYS); the rest are placed as an aggregate. */
    simulatedKeys?: number;
};

/**
 * Keys placed one by one in each trial; the lighter ones are placed as one
 * aggregate. 10⁴ rather than more: the aggregate matches placing every key
 * (checked against full placement in the tests), and the draws saved buy more
 * trials: at K = 10⁶, s = 1, N = 16 the default 320 trials give a standard
 * error near 0.01 on a ratio near 2.
 */
export const SIMULATED_KEYS = 10_000;
/** Random draws (keys plus shards, per trial) one call may spend when `trials` is not given: about 30 ms. */
const DRAW_BUDGET = 3_200_000;
const MIN_TRIALS = 32;
const MAX_TRIALS = 1000;
/**
 * Up to this many shards a trial keeps one load per shard (MIN_TRIALS trials of it fill DRAW_BUDGET);
 * beyond, `sparseBusiestShardOverMean` keeps only the shards that hold a placed key. A count taken at
 * face value would allocate an array per shard: `shards 4294967297` is past the largest typed array,
 * and `shards 100000000` would draw 3·10^9 normals.
 */
export const MAX_DENSE_SHARDS = DRAW_BUDGET / MIN_TRIALS;

/**
 * Expected busiest shard / mean shard when K keys with Zipf(s) popularity
 * (key i gets a share ∝ i^{−s}) are placed on N shards by a hash, modelled
 * as independent uniform placement (ESTIMATES.md, "Shards": "expected value
 * by seeded Monte Carlo over key placement").
 *
 * Method: each trial places the heaviest min(K, SIMULATED_KEYS) keys one by
 * one with a seeded PRNG (mulberry32) and adds the lighter "tail" keys as an
 * aggregate: a shard's tail load is a sum of many independent small
 * contributions (none heavier than (SIMULATED_KEYS+1)^{−s}), so it is taken
 * as normal (Lindeberg–Feller central limit theorem) with the exact moments
 * of uniform placement: mean W/N and covariance S₂(δ_{jl}/N − 1/N²), where
 * W = Σ_tail i^{−s} and S₂ = Σ_tail i^{−2s}. Drawing Z_j iid N(0, S₂/N) and
 * using W/N + Z_j − Z̄ gives exactly that covariance, and the shards' tail
 * loads add up to W. The result is the trials' mean of max_j load_j / (total / N).
 * It is at least 1 (the busiest shard is at least the mean) and at most N.
 */
export function busiestShardOverMean(input: BusiestShardInput): number {
    const { shards } = input;
    const popularity = 'popularity' in input ? input.popularity : zipfKeys(input.keys, input.zipf);
    const keys = popularity.keys;
    if (!Number.isInteger(shards) || shards < 1) throw new RangeError(`shards must be a whole number ≥ 1, got ${shards}`);
    const simulated = input.simulatedKeys ?? SIMULATED_KEYS;
    if (!Number.isInteger(simulated) || simulated < 1) throw new RangeError(`simulatedKeys must be a whole number ≥ 1, got ${simulated}`);
    const placed = Math.min(keys, simulated);
    const trials = input.trials ?? Math.min(MAX_TRIALS, Math.max(MIN_TRIALS, Math.floor(DRAW_BUDGET / (placed + shards))));
    if (!Number.isInteger(trials) || trials < 1) throw new RangeError(`trials must be a whole number ≥ 1, got ${trials}`);
    if (shards === 1) return 1;
    if (shards > MAX_DENSE_SHARDS) return sparseBusiestShardOverMean(popularity, shards, placed, input.seed ?? 0, input.trials);

    const weights = placedWeights(popularity, placed);
    const placedMass = keyPowerMass(popularity, 1, placed, 1);
    const tailMass = keys > placed ? keyPowerMass(popularity, placed + 1, keys, 1) : 0;
    const tailSd = keys > placed ? Math.sqrt(keyPowerMass(popularity, placed + 1, keys, 2) / shards) : 0;
    const mean = (placedMass + tailMass) / shards;

    const seed = input.seed ?? 0;
    // Two streams from the seed: the tail's normals, and the key placements in the hot loop, whose
    // state is a plain local (not captured by a closure) so the loop stays fast.
    const random = mulberry32(seed ^ 0x5bd1e995);
    let state = seed >>> 0;
    const loads = new Float64Array(shards);
    const noise = new Float64Array(shards);
    let sum = 0;
    for (let t = 0; t < trials; t++) {
        loads.fill(tailMass / shards);
        if (tailSd > 0) {
            let noiseMean = 0;
            for (let j = 0; j < shards; j++) {
                noise[j] = tailSd * standardNormal(random);
                noiseMean += noise[j];
            }
            noiseMean /= shards;
            for (let j = 0; j < shards; j++) loads[j] += noise[j] - noiseMean;
        }
        for (let i = 0; i < placed; i++) {
            state = (state + MULBERRY32_INCREMENT) >>> 0;
            loads[Math.floor((mulberry32Output(state) / 4294967296) * shards)] += weights[i];
        }
        let max = loads[0];
        for (let j = 1; j < shards; j++) if (loads[j] > max) max = loads[j];
        sum += max / mean;
    }
    // Mathematically in [1, N]; the clamp only absorbs rounding, and the normal tail's
    // rare excursions below 0 on a shard when the tail is tiny.
    return Math.min(shards, Math.max(1, sum / trials));
}

/**
 * `busiestShardOverMean` for N > MAX_DENSE_SHARDS, with the same model and the same estimate, in memory
 * and time that grow with the keys placed, not with N. Of the N shards at most `placed` hold a placed key;
 * those are kept in a map, each with the tail's mean W/N and its own N(0, S₂/N) draw (as in the dense
 * trial). The other M shards carry only the tail, so only their maximum matters, and that is drawn
 * exactly: the maximum of M iid standard normals has the cdf Φ(x)^M, so it is Φ⁻¹(U^{1/M}) for a uniform
 * U (inverse transform sampling), computed as the upper quantile of 1 − U^{1/M} = −expm1(ln U / M) so
 * that M = 10^20 keeps its digits. Unlike the dense trial the tail draws are not centred (minus their
 * mean Z̄): Z̄ has the standard deviation √(S₂/N)/√N, at most 1/316 of one shard's, and mean 0.
 * Key placement draws 53-bit uniforms (two mulberry32 outputs), so that N past 2^32 is reached evenly.
 */
function sparseBusiestShardOverMean(popularity: KeyPopularity, shards: number, placed: number, seed: number, trialsGiven?: number): number {
    const keys = popularity.keys;
    // Per trial and placed key: two draws to place it, a map update and a normal (a Box–Muller pair, a log, a
    // square root and a cosine) for its shard: counted as 8 draws, which keeps a call near the dense one's time.
    const trials = trialsGiven ?? Math.min(MAX_TRIALS, Math.max(MIN_TRIALS, Math.floor(DRAW_BUDGET / (8 * placed + 2))));
    const weights = placedWeights(popularity, placed);
    const tailMass = keys > placed ? keyPowerMass(popularity, placed + 1, keys, 1) : 0;
    const tailSd = keys > placed ? Math.sqrt(keyPowerMass(popularity, placed + 1, keys, 2) / shards) : 0;
    const mean = (keyPowerMass(popularity, 1, placed, 1) + tailMass) / shards;
    const base = tailMass / shards;
    const random = mulberry32(seed ^ 0x5bd1e995);
    // The placements' stream as a plain local, as in the dense trial's hot loop.
    let state = seed >>> 0;
    const occupied = new Map<number, number>();
    let sum = 0;
    for (let t = 0; t < trials; t++) {
        occupied.clear();
        for (let i = 0; i < placed; i++) {
            state = (state + MULBERRY32_INCREMENT) >>> 0;
            const high = mulberry32Output(state);
            state = (state + MULBERRY32_INCREMENT) >>> 0;
            const u = (high + mulberry32Output(state) / 4294967296) / 4294967296;
            const shard = Math.min(shards - 1, Math.floor(u * shards));
            occupied.set(shard, (occupied.get(shard) ?? 0) + weights[i]);
        }
        let max = -Infinity;
        for (const load of occupied.values()) {
            const here = base + load + (tailSd > 0 ? tailSd * standardNormal(random) : 0);
            if (here > max) max = here;
        }
        const empty = shards - occupied.size;
        if (empty > 0) {
            let top = 0;
            if (tailSd > 0) {
                // P(max > x) = 1 − Φ(x)^M = p, with U^{1/M} = 1 − p.
                const p = -Math.expm1(Math.log(1 - random()) / empty);
                top = tailSd * normalQuantile(Math.max(Number.MIN_VALUE, p), true);
            }
            if (base + top > max) max = base + top;
        }
        sum += max / mean;
    }
    return Math.min(shards, Math.max(1, sum / trials));
}

/**
 * Busiest shard / mean shard for writes under range or date sharding on a
 * monotonic key: every insert lands on the newest shard, so it takes all
 * writes and the ratio is N (ESTIMATES.md, "Shards").
 */
export function monotonicBusiestOverMean(shards: number): number {
    checkShards(shards);
    return shards;
}

/**
 * Share of rows that move when hash-mod sharding grows from N to N+1 shards:
 * N/(N+1) (ESTIMATES.md, "Shards"). A key stays only when key mod N = key mod
 * (N+1), which holds for N of every N(N+1) consecutive keys.
 * Oracle: 64 → 65 moves 98.46%.
 */
export function hashModMovedShare(shards: number): number {
    checkShards(shards);
    return shards / (shards + 1);
}

/**
 * Share of rows that move when consistent hashing grows from N to N+1 nodes:
 * 1/(N+1), just what the new node takes over (ESTIMATES.md, "Shards").
 */
export function consistentHashMovedShare(shards: number): number {
    checkShards(shards);
    return 1 / (shards + 1);
}

/**
 * Coefficient of variation of one node's share of the ring under consistent
 * hashing with v virtual nodes per node: √((N−1)/(Nv+1)) (ESTIMATES.md, "Shards").
 * Why: the Nv points cut the ring into Nv arcs whose lengths are
 * Dirichlet(1, …, 1); a node owns v of them, a Beta(v, Nv − v) share with mean
 * 1/N and variance (N−1)/(N²(Nv+1)). One node: 0 (it owns the whole ring).
 */
export function consistentHashLoadCv(shards: number, virtualNodes: number): number {
    checkShards(shards);
    if (!Number.isInteger(virtualNodes) || virtualNodes < 1) {
        throw new RangeError(`virtualNodes must be a whole number ≥ 1, got ${virtualNodes}`);
    }
    return Math.sqrt((shards - 1) / (shards * virtualNodes + 1));
}

/** p_k of the `placed` most popular keys, heaviest first (each part's k^{−s} / H scaled by its weight). */
function placedWeights(popularity: KeyPopularity, placed: number): Float64Array {
    const weights = new Float64Array(placed);
    for (const part of popularity.parts) {
        const factor = part.weight / generalizedHarmonic(part.keys, part.zipf);
        const last = Math.min(placed, part.keys);
        for (let i = 0; i < last; i++) weights[i] += factor * Math.pow(i + 1, -part.zipf);
    }
    return weights;
}

/** A standard normal draw by the Box–Muller transform (Box & Muller 1958). */
function standardNormal(random: () => number): number {
    // 1 − u is in (0, 1]: the logarithm stays finite.
    const u = 1 - random();
    const v = random();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

function checkShards(shards: number): void {
    if (!Number.isInteger(shards) || shards < 1) throw new RangeError(`shards must be a whole number ≥ 1, got ${shards}`);
}
