/**
 * mulberry32 (Tommy Ettinger, public domain): a small seeded PRNG, fast and
 * good enough for Monte Carlo estimates, which must repeat exactly for the
 * same model. Returns floats in [0, 1).
 */
export function mulberry32(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
        state = (state + MULBERRY32_INCREMENT) >>> 0;
        return mulberry32Output(state) / 4294967296;
    };
}

/** mulberry32's state steps by this odd constant (a Weyl sequence); the output mixes the state. */
export const MULBERRY32_INCREMENT = 0x6d2b79f5;

/** mulberry32's output function: a 32-bit unsigned integer from the state (for hot loops that keep their own state). */
export function mulberry32Output(state: number): number {
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
}
