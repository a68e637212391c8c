import { keyPowerMass, keyShare, popularityId, zipfKeys, type KeyPopularity } from './key-popularity.js';
import { EM_START, generalizedHarmonic } from './power-sums.js';
/** Replication-lag estimates (ESTIMATES.md, "Replication lag"). Pure math: times in ms, shares as fractions. */

/**
 * Share of requests that read a stale copy of the user's own write, with async
 * replicas serving reads.
 *
 * Formula (ESTIMATES.md, "Replication lag"): P = f_replica · m / (m + Z), with
 * m the mean replication lag and Z the mean think time between one user's
 * requests, both exponential: m / (m + Z) is the chance that the user's next
 * request comes before the replica has caught up with their last write, and
 * f_replica the share of requests that are reads sent to a replica.
 * Example (ESTIMATES.md JSON, catalog): 0.9 × 200 / (200 + 2000) ≈ 0.082.
 */
export function staleReadAfterWrite(fReplica: number, lagMs: number, thinkMs: number): number {
    const window = lagMs + thinkMs;
    // No lag and no think time: nothing to wait for, so nothing can be stale.
    if (window <= 0) return 0;
    return fReplica * lagMs / window;
}

/**
 * Chance that a read decides on a row another user changed inside the lag window, writes at rate λ_w
 * spread over K keys by popularity p_k (ESTIMATES.md, "Replication lag"):
 *   P = Σ_k p_k (1 − e^{−λ_w p_k m}),
 * uniform keys (s = 0) giving 1 − e^{−λ_w m / K} ≈ λ_w m / K. With `zipf s` the most popular keys are summed
 * one by one while x_k = λ_w p_k m ≥ 10⁻³; for the rest x_k < 10⁻³, and 1 − e^{−x} = x − x²/2 + r with
 * 0 ≤ r ≤ x³/6, so the tail is λ_w m Σ p_k² − (λ_w m)²/2 Σ p_k³ within (λ_w m)³/6 Σ p_k⁴, each power sum from the
 * generalized harmonic numbers: Σ_{k>N} p_k^j = (H_{K,js} − H_{N,js}) / H_{K,s}^j.
 * Oracle (ESTIMATES.md): one write every 0.858 s, 90 s window, 100,000 rooms, uniform → 0.1048%.
 */
export function conflictWindow(writeRps: number, lagMs: number, keys: number, zipf = 0): number {
    if (keys < 1) throw new RangeError(`conflictWindow needs at least one key, got ${keys}`);
    return conflictWindowOver(writeRps, lagMs, zipfKeys(keys, Math.max(0, zipf)));
}

/**
 * `conflictWindow` over any key popularity: with several clients writing, their key distributions mixed by
 * each one's write rate (ESTIMATES.md, details table). A mixture of non-increasing p_{c,k} is non-increasing,
 * so the head stops where the first key's x is small, as for one Zipf; the tail's Σ p_k² and Σ p_k³ expand
 * into power sums (key-popularity.ts, `keyPowerMass`).
 */
export function conflictWindowOver(writeRps: number, lagMs: number, popularity: KeyPopularity): number {
    const expected = writeRps * (lagMs / 1000);
    const keys = popularity.keys;
    const only = popularity.parts.length === 1 ? popularity.parts[0] : undefined;
    if (only && only.zipf <= 0) return -Math.expm1(-expected / keys);
    const shares = headShares(popularity);
    const parts = popularity.parts.map(part => ({ keys: part.keys, zipf: part.zipf, factor: part.weight / generalizedHarmonic(part.keys, part.zipf) }));
    const boundaries = [...new Set(popularity.parts.map(part => part.keys))].sort((x, y) => x - y);
    let sum = 0;
    let head = 0;
    // One by one while a key's x is not small; popularity falls with k, so x does too. The first EM_START − 1
    // keys always: the tail's power sums then start where Euler–Maclaurin takes them at once, instead of
    // summing a thousand powers for each of the mixture's products (key-popularity.ts).
    while (head < keys && head < EM_START - 1) {
        const p = shares(head + 1);
        sum += p * -Math.expm1(-expected * p);
        head++;
    }
    // Past them, while x is not small, blocks of keys 5% apart in rank: Σ_{k=a..b} f(k) ≈ ∫_{a−½}^{b+½} f, each
    // block by Simpson's rule (its error and the midpoint sum's, about f''/24 a key, are below 10⁻⁷ of the
    // figure from k = 1,000 on). A heavy write rate over 50 million keys keeps x ≥ 10⁻³ for millions of them:
    // one by one that was a second a model. A block never straddles the end of a part's keys, where p_k drops.
    const share = (x: number): number => {
        let p = 0;
        for (const part of parts) if (x < part.keys + 0.5) p += part.factor * Math.pow(x, -part.zipf);
        return p;
    };
    const f = (x: number): number => {
        const p = share(x);
        return p * -Math.expm1(-expected * p);
    };
    while (head < keys) {
        const first = head + 1;
        if (expected * shares(first) < SMALL_X) break;
        const boundary = boundaries.find(k => k >= first) ?? keys;
        const last = Math.min(boundary, Math.max(first, Math.floor(first * BLOCK_RATIO)));
        const from = first - 0.5;
        const to = last + 0.5;
        sum += ((to - from) / 6) * (f(from) + 4 * f((from + to) / 2) + f(to - 1e-9));
        head = last;
    }
    if (head === keys) return sum;
    const tail = (power: number): number => keyPowerMass(popularity, head + 1, keys, power);
    return sum + expected * tail(2) - (expected * expected / 2) * tail(3);
}

/**
 * p_k of the most popular keys, remembered per distribution (a model's databases share a few): the first
 * CACHED_SHARES in an array, the rest computed as asked.
 */
function headShares(popularity: KeyPopularity): (k: number) => number {
    const id = popularityId(popularity);
    let known = sharesCache.get(id);
    if (!known) {
        known = new Float64Array(Math.min(popularity.keys, CACHED_SHARES));
        for (let k = 1; k <= known.length; k++) known[k - 1] = keyShare(popularity, k);
        if (sharesCache.size >= SHARES_REMEMBERED) sharesCache.delete(sharesCache.keys().next().value!);
        sharesCache.set(id, known);
    }
    const array = known;
    const parts = popularity.parts.map(part => ({ ...part, factor: part.weight / generalizedHarmonic(part.keys, part.zipf) }));
    return k => {
        if (Number.isInteger(k) && k <= array.length) return array[k - 1];
        let p = 0;
        for (const part of parts) if (k <= part.keys) p += part.factor * Math.pow(k, -part.zipf);
        return p;
    };
}
const sharesCache = new Map<string, Float64Array>();
const CACHED_SHARES = 1_000;
const SHARES_REMEMBERED = 32;

/** Keys are summed one by one until x = λ_w p_k m falls below this (the expansion's error is ≤ x³/6 per unit of p_k). */
const SMALL_X = 1e-3;

/** The ratio of a block's last key to its first, past the first EM_START − 1 keys. */
const BLOCK_RATIO = 1.05;
