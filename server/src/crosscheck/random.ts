/**
 * The cross-check's own seeded random numbers: xoshiro128** (Blackman and Vigna), seeded through
 * splitmix32, and the samplers the simulations draw from. Written apart from the estimates' Monte
 * Carlo on purpose: the cross-check must not share code with what it checks.
 */

export interface Random {
    /** Uniform on [0, 1), 53 bits. */
    uniform(): number;
    /** Exponential with the given mean (a mean of 0 gives 0). */
    exponential(mean: number): number;
    /** A uniform integer in [0, n). */
    below(n: number): number;
    /** True with probability p. */
    chance(p: number): boolean;
}

/** splitmix32: spreads a seed (and a stream number) over the 128 bits of xoshiro's state. */
function splitmix32(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
        state = (state + 0x9e3779b9) >>> 0;
        let z = state;
        z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
        z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
        return (z ^ (z >>> 16)) >>> 0;
    };
}

/**
 * A generator for `seed` and `stream`: different streams of one seed are independent sequences, so
 * arrivals, routing and service times (or each instance's failures) can be drawn apart, and a change
 * in how many numbers one of them draws leaves the others' numbers as they were.
 */
export function createRandom(seed: number, stream = 0): Random {
    const mix = splitmix32((Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(stream + 1, 0x7feb352d)) >>> 0);
    let s0 = mix(), s1 = mix(), s2 = mix(), s3 = mix();
    if ((s0 | s1 | s2 | s3) === 0) s0 = 1; // the all-zero state is the one xoshiro cannot leave

    const next32 = (): number => {
        const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
        const t = s1 << 9;
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3;
        s2 ^= t;
        s3 = rotl(s3, 11);
        return result;
    };

    const uniform = (): number => {
        // 27 + 26 bits: every double in [0, 1) with a 2^-53 step, as Math.random's contract.
        const high = next32() >>> 5;
        const low = next32() >>> 6;
        return (high * 67108864 + low) / 9007199254740992;
    };

    return {
        uniform,
        // 1 − U is in (0, 1], so the logarithm is finite.
        exponential: mean => (mean > 0 ? -mean * Math.log(1 - uniform()) : 0),
        below: n => Math.min(n - 1, Math.floor(uniform() * n)),
        chance: p => (p >= 1 ? true : p <= 0 ? false : uniform() < p)
    };
}

function rotl(x: number, k: number): number {
    return (x << k) | (x >>> (32 - k));
}
