/**
 * Key popularity (ESTIMATES.md, "Shards" and "Replication lag"): Zipf(s) over K keys, p_k = k^{−s} / H_{K,s},
 * or, where several clients with different `keys`/`zipf` reach one node (the details table), their
 * distributions mixed by weight: p_k = Σ_c w_c p_{c,k}. The clients are taken to share one key space ranked
 * alike, the k-th most popular key of each being the same key: where the spec is silent this is the
 * conservative reading (the hottest keys add up), docs/estimates.md.
 */
import { checkExponent, checkKeys, generalizedHarmonic, powerSum } from './power-sums.js';

export interface ZipfKeys {
    /** Distinct keys, K ≥ 1. */
    keys: number;
    /** Zipf exponent s ≥ 0 (0: uniform). */
    zipf: number;
}

export interface KeyPopularity {
    /** The distributions mixed, each with its weight (the weights sum to 1); one part for a single Zipf. */
    readonly parts: readonly (ZipfKeys & { weight: number })[];
    /** Keys in the key space: the largest part's. */
    readonly keys: number;
}

const WEIGHT_STEPS = 100;

export function zipfKeys(keys: number, zipf: number): KeyPopularity {
    checkKeys(keys);
    checkExponent(zipf);
    return { parts: [{ keys, zipf, weight: 1 }], keys };
}

/**
 * The mixture of `parts` by weight; parts with the same keys and exponent are one. Undefined when no part
 * has a weight (nothing reaches the node).
 */
export function mixedKeys(parts: readonly (ZipfKeys & { weight: number })[]): KeyPopularity | undefined {
    const merged = new Map<string, ZipfKeys & { weight: number }>();
    for (const part of parts) {
        if (!(part.weight > 0)) continue;
        checkKeys(part.keys);
        checkExponent(part.zipf);
        const key = `${part.keys}|${part.zipf}`;
        const seen = merged.get(key);
        if (seen) seen.weight += part.weight;
        else merged.set(key, { ...part });
    }
    const list = [...merged.values()];
    const sum = list.reduce((s, part) => s + part.weight, 0);
    if (list.length === 0 || !(sum > 0)) return undefined;
    // Weights to whole percent: the nodes one client mix reaches share one distribution (and one shard Monte Carlo,
    // remembered by `popularityId`) instead of differing in the last bits of a float.
    for (const part of list) part.weight = Math.round((part.weight / sum) * WEIGHT_STEPS) / WEIGHT_STEPS;
    const kept = list.filter(part => part.weight > 0);
    const rounded = kept.reduce((s, part) => s + part.weight, 0);
    if (kept.length === 0) return undefined;
    for (const part of kept) part.weight /= rounded;
    return { parts: kept, keys: Math.max(...kept.map(part => part.keys)) };
}

/** p_k: the share of requests for the k-th most popular key (k from 1). */
export function keyShare(popularity: KeyPopularity, k: number): number {
    let share = 0;
    for (const part of popularity.parts) {
        if (k <= part.keys) share += part.weight * Math.pow(k, -part.zipf) / generalizedHarmonic(part.keys, part.zipf);
    }
    return share;
}

/**
 * Σ_{k=from..to} p_k^j. For a mixture the j-th power expands into products of j parts:
 * Σ_{c₁..c_j} Π w_c / H_c · Σ_{k ≤ min K_c} k^{−(s_{c₁}+…+s_{c_j})}, each a power sum.
 */
export function keyPowerMass(popularity: KeyPopularity, from: number, to: number, power: number): number {
    if (!Number.isInteger(power) || power < 1) throw new RangeError(`keyPowerMass needs a whole power ≥ 1, got ${power}`);
    const parts = popularity.parts;
    let sum = 0;
    const visit = (depth: number, factor: number, exponent: number, limit: number): void => {
        if (depth === power) {
            const last = Math.min(to, limit);
            if (last >= from) sum += factor * powerSum(from, last, exponent);
            return;
        }
        for (const part of parts) {
            visit(depth + 1, factor * part.weight / generalizedHarmonic(part.keys, part.zipf), exponent + part.zipf, Math.min(limit, part.keys));
        }
    };
    visit(0, 1, 0, Infinity);
    return sum;
}

/** Whether some keys are more popular than others (a Zipf exponent above 0, or parts over different key counts). */
export function isSkewed(popularity: KeyPopularity): boolean {
    return popularity.parts.some(part => part.zipf > 0 || part.keys !== popularity.keys);
}

/** One string per distribution, for memoizing what is computed from it. */
export function popularityId(popularity: KeyPopularity): string {
    return popularity.parts.map(part => `${part.keys}/${part.zipf}/${part.weight}`).join(',');
}

/** The distribution in the model's words: `keys 1000000 zipf 1`, or each client's part of a mixture. */
export function describePopularity(popularity: KeyPopularity, names?: readonly string[]): string {
    const one = (part: ZipfKeys): string => `keys ${part.keys}${part.zipf > 0 ? ` zipf ${part.zipf}` : ''}`;
    if (popularity.parts.length === 1) return one(popularity.parts[0]);
    return popularity.parts.map((part, i) => `${names?.[i] ? `${names[i]}: ` : ''}${one(part)} (${Math.round(part.weight * 100)}%)`).join(', ');
}
