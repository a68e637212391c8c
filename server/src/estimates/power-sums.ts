/**
 * Sums of powers Σ i^{−s} (ESTIMATES.md, "Shards" and "Replication lag"): the generalized harmonic numbers
 * that normalise Zipf popularity, and the partial sums the shard and conflict-window estimates need.
 * Exact (compensated) for short ranges, Euler–Maclaurin for long ones.
 */

/** Up to this many terms H_{K,s} is summed term by term; beyond, by Euler–Maclaurin. */
export const EXACT_HARMONIC_TERMS = 2_000_000;

/**
 * Where the Euler–Maclaurin part starts: 1..(EM_START − 1) are summed exactly.
 * Starting at 1,000 keeps the remainder below 1e-24 for every s ≥ 0
 * (see `harmonicEulerMaclaurin`).
 */
export const EM_START = 1000;

/**
 * Generalized harmonic number H_{K,s} = Σ_{i=1..K} i^{−s}, the normalizer of
 * Zipf(s) popularity over K keys (ESTIMATES.md, "Shards"). Summed exactly for
 * K ≤ EXACT_HARMONIC_TERMS, by `harmonicEulerMaclaurin` beyond. H_{K,0} = K.
 */
export function generalizedHarmonic(keys: number, s: number): number {
    checkKeys(keys);
    checkExponent(s);
    const key = `${keys}|${s}`;
    let value = harmonics.get(key);
    if (value === undefined) {
        value = keys <= EXACT_HARMONIC_TERMS ? harmonicExact(keys, s) : harmonicEulerMaclaurin(keys, s);
        if (harmonics.size >= HARMONICS_REMEMBERED) harmonics.delete(harmonics.keys().next().value!);
        harmonics.set(key, value);
    }
    return value;
}

/**
 * H_{K,s}, remembered (bounded, the oldest out first): every keystroke re-estimates the same traffic's keys,
 * and the exact sum over 2,000,000 keys is ~90 ms (examples/shop.arch's top-key share, each estimate; and
 * each replicated node's conflict window asks again). `npm run bench -- simulate` shows the estimates'
 * time per example.
 */
const harmonics = new Map<string, number>();
const HARMONICS_REMEMBERED = 256;

/**
 * H_{K,s} by summing every term, smallest first, with Neumaier's compensated
 * summation (Neumaier 1974, "Rundungsfehleranalyse einiger Verfahren zur
 * Summation endlicher Summen"), so the rounding error does not grow with K.
 */
export function harmonicExact(keys: number, s: number): number {
    return powerSumExact(1, keys, s);
}

/**
 * H_{K,s} by the Euler–Maclaurin summation formula (DLMF §2.10(i), eq. 2.10.1):
 * Σ_{i=1..M−1} i^{−s} exactly, then for f(x) = x^{−s} on [M, K]
 *   Σ_{i=M..K} f(i) = ∫_M^K f + (f(M) + f(K))/2 + Σ_{j=1..3} B_{2j}/(2j)! (f^{(2j−1)}(K) − f^{(2j−1)}(M)) + R,
 * with B₂ = 1/6, B₄ = −1/30, B₆ = 1/42. Every even derivative of x^{−s} is
 * positive for s > 0, so (DLMF §2.10(i), the argument after eq. 2.10.4) R has
 * the sign of, and is at most, the first omitted (B₈) term:
 * |R| ≤ s(s+1)⋯(s+6) M^{−s−7} / 1,209,600, about 4e-25 for s = 1 and M = 1,000.
 * For s = 0 every derivative vanishes and the formula is exact (K − M + 1).
 */
export function harmonicEulerMaclaurin(keys: number, s: number): number {
    checkKeys(keys);
    checkExponent(s);
    if (keys < EM_START) return powerSumExact(1, keys, s);
    return powerSumExact(1, EM_START - 1, s) + powerSumEulerMaclaurin(EM_START, keys, s);
}

/**
 * Σ_{i=from..to} i^{−s} for the Monte Carlo's tail: exact for short ranges,
 * otherwise Euler–Maclaurin from EM_START on (as accurate as the exact sum
 * there, and it keeps a call for K = 10⁶ from summing 900,000 powers).
 */
export function powerSum(from: number, to: number, s: number): number {
    if (to - from < EM_START) return powerSumExact(from, to, s);
    if (from >= EM_START) return powerSumEulerMaclaurin(from, to, s);
    return powerSumExact(from, EM_START - 1, s) + powerSumEulerMaclaurin(EM_START, to, s);
}

/** Σ_{i=from..to} i^{−s}, smallest terms first, with Neumaier's compensated summation. */
export function powerSumExact(from: number, to: number, s: number): number {
    if (s === 0) return Math.max(0, to - from + 1);
    let sum = 0;
    let compensation = 0;
    for (let i = to; i >= from; i--) {
        const term = s === 1 ? 1 / i : Math.pow(i, -s);
        const next = sum + term;
        compensation += Math.abs(sum) >= term ? (sum - next) + term : (term - next) + sum;
        sum = next;
    }
    return sum + compensation;
}

/**
 * Σ_{i=m..K} i^{−s} by Euler–Maclaurin through the B₆ term (see
 * `harmonicEulerMaclaurin` for the formula and the remainder bound); m ≥ EM_START.
 */
function powerSumEulerMaclaurin(m: number, K: number, s: number): number {
    if (s === 0) return K - m + 1;
    // ∫_m^K x^{−s} dx = m^{1−s} · ln(K/m) · (e^t − 1)/t with t = (1−s) ln(K/m):
    // one expression for s = 1 (the limit, t = 0) and s near 1 (no cancellation).
    const logRatio = Math.log(K / m);
    const t = (1 - s) * logRatio;
    const integral = Math.pow(m, 1 - s) * logRatio * (t === 0 ? 1 : Math.expm1(t) / t);
    // Odd derivatives of x^{−s}: f'(x) = −s x^{−s−1}, f'''(x) = −s(s+1)(s+2) x^{−s−3}, f⁽⁵⁾(x) = −s(s+1)⋯(s+4) x^{−s−5}.
    const d1 = (x: number) => -s * Math.pow(x, -s - 1);
    const d3 = (x: number) => -s * (s + 1) * (s + 2) * Math.pow(x, -s - 3);
    const d5 = (x: number) => -s * (s + 1) * (s + 2) * (s + 3) * (s + 4) * Math.pow(x, -s - 5);
    return integral
        + (Math.pow(m, -s) + Math.pow(K, -s)) / 2
        + (d1(K) - d1(m)) / 12
        - (d3(K) - d3(m)) / 720
        + (d5(K) - d5(m)) / 30240;
}

export function checkKeys(keys: number): void {
    if (!Number.isInteger(keys) || keys < 1) throw new RangeError(`keys must be a whole number ≥ 1, got ${keys}`);
}

export function checkExponent(s: number): void {
    if (!(s >= 0) || !Number.isFinite(s)) throw new RangeError(`the Zipf exponent must be a finite number ≥ 0, got ${s}`);
}

