/**
 * Erlang B and Erlang C (ESTIMATES.md, "Capacity and latency"), computed by
 * recurrence rather than from A^c / c!: the factorial form overflows past
 * c ≈ 170 and loses precision well before, while the estimates need c in the
 * thousands (a pooled tier of 100 instances × 50 workers is c = 5,000).
 */
import { erfc } from './normal.js';

/**
 * Blocking probability of an M/M/c/c loss system (Erlang B) with `servers`
 * servers and offered load A = λ/μ Erlangs.
 *
 * Formula: B(c) = (A^c/c!) / Σ_{k≤c} A^k/k! (Erlang's loss formula; Kleinrock,
 * Queueing Systems Vol. 1, §3.7, M/M/m/m), evaluated by the recurrence
 * B(0) = 1, B(k) = A·B(k−1) / (k + A·B(k−1)), which follows from writing
 * 1/B(k) = 1 + (k/A)·1/B(k−1). Every step divides a positive number by a
 * larger one, so nothing overflows and rounding errors are damped rather than
 * amplified; the cost is O(c).
 */
export function erlangB(servers: number, offeredLoad: number): number {
    checkInputs('erlangB', servers, offeredLoad);
    // The recurrence stops once B underflows, near k ≈ A + 39√A (or k ≈ e·A + 700 for a small A): it only
    // runs long when both c and A are large, e.g. `latency 100000000ms` makes a tier of 10^9 workers at
    // 10^9 Erlangs, which took seconds per node. There the Poisson form below is as good to many digits.
    if (servers > MAX_RECURRENCE_STEPS && offeredLoad > MAX_RECURRENCE_LOAD) return erlangBPoisson(servers, offeredLoad);
    let b = 1;
    for (let k = 1; k <= servers; k++) {
        const ab = offeredLoad * b;
        b = ab / (k + ab);
        // Once B underflows to 0 it stays 0 (A·0 / k), so stopping is exact: past k ≈ e·A + 700 nothing
        // changes, and a tier of 10^18 workers (`capacity 99999999999999999999 rps`) no longer hangs the checker.
        if (b === 0) break;
    }
    return b;
}

/** The recurrence runs for c ≤ this many steps, or for any c while A ≤ MAX_RECURRENCE_LOAD (it then stops by underflow in fewer steps). */
export const MAX_RECURRENCE_STEPS = 1_000_000;
/** For A ≤ this the recurrence underflows by k ≈ A + 39√A + 700 < MAX_RECURRENCE_STEPS (about a millisecond). */
export const MAX_RECURRENCE_LOAD = 500_000;

/**
 * Erlang B for a large c and a large A (both beyond the recurrence's budget), from its Poisson form:
 * B(c, A) = p(c) / F(c), with p and F the pmf and cdf of a Poisson(A) count (divide numerator and
 * denominator of Erlang's formula by e^A). p(c) is evaluated by Loader's saddle-point form,
 * p(c) = e^{−stirlerr(c) − bd0(c, A)} / √(2πc) (C. Loader, "Fast and Accurate Computation of Binomial
 * Probabilities", 2000; the method of R's dpois), accurate to about 1e-14 relative. F(c) is the normal
 * approximation with continuity correction, Φ((c + ½ − A)/√A) (de Moivre–Laplace), whose error is
 * O(1/√A), below 2e-4 for A > MAX_RECURRENCE_LOAD; the queue is stable (c > A) whenever Erlang C
 * asks, so F(c) > ½ and that error is also B's relative error.
 */
export function erlangBPoisson(servers: number, offeredLoad: number): number {
    checkInputs('erlangBPoisson', servers, offeredLoad);
    if (servers < 16 || offeredLoad === 0) throw new RangeError(`erlangBPoisson is for large c and A, got c = ${servers}, A = ${offeredLoad}`);
    const pmf = Math.exp(-stirlingError(servers) - deviance(servers, offeredLoad)) / Math.sqrt(2 * Math.PI * servers);
    const cdf = 0.5 * erfc(-(servers + 0.5 - offeredLoad) / Math.sqrt(2 * offeredLoad));
    return Math.min(1, pmf / cdf);
}

/** ln(n!) − [(n + ½) ln n − n + ½ ln 2π], by its Stirling series (n ≥ 16, where five terms reach double precision). */
function stirlingError(n: number): number {
    const nn = n * n;
    return (1 / 12 - (1 / 360 - (1 / 1260 - (1 / 1680 - 1 / (1188 * nn)) / nn) / nn) / nn) / n;
}

/** x ln(x/m) + m − x (Loader's bd0), summed as a series when x is near m, where the closed form cancels. */
function deviance(x: number, m: number): number {
    if (Math.abs(x - m) < 0.1 * (x + m)) {
        const v = (x - m) / (x + m);
        let sum = (x - m) * v;
        let term = 2 * x * v;
        for (let j = 1; j < 1000; j++) {
            term *= v * v;
            const next = sum + term / (2 * j + 1);
            if (next === sum) break;
            sum = next;
        }
        return sum;
    }
    return x * Math.log(x / m) + m - x;
}

/**
 * Probability that an arrival waits in an M/M/c queue (Erlang C) with
 * `servers` servers and offered load A = λ/μ Erlangs.
 *
 * Formula (ESTIMATES.md): P_wait = (A^c/c! · c/(c−A)) / (Σ_{k<c} A^k/k! + A^c/c! · c/(c−A)),
 * (Kleinrock, Queueing Systems Vol. 1, §3.5, M/M/m), evaluated through Erlang B
 * as C = c·B / (c − A·(1 − B)): substitute Σ_{k<c} A^k/k! = (A^c/c!)·(1/B − 1)
 * into the formula above and multiply through by B·(c − A)·c!/A^c.
 * The denominator, written (c − A) + A·B, is a sum of two non-negative terms
 * (c − A is exact near saturation), so nothing cancels.
 * When A ≥ c the queue is unstable and every arrival waits: returns 1.
 */
export function erlangC(servers: number, offeredLoad: number): number {
    checkInputs('erlangC', servers, offeredLoad);
    if (offeredLoad >= servers) return 1;
    const b = erlangB(servers, offeredLoad);
    return (servers * b) / ((servers - offeredLoad) + offeredLoad * b);
}

function checkInputs(name: string, servers: number, offeredLoad: number): void {
    if (!Number.isInteger(servers) || servers < 0) {
        throw new RangeError(`${name} needs a whole number of servers (0 or more), got ${servers}`);
    }
    if (!Number.isFinite(offeredLoad) || offeredLoad < 0) {
        throw new RangeError(`${name} needs a finite, non-negative offered load, got ${offeredLoad}`);
    }
}
