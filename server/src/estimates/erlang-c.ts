/**
 * Erlang B and Erlang C (ESTIMATES.md, "Capacity and latency"), computed by
 * recurrence rather than from A^c / c!: the factorial form overflows past
 * c ≈ 170 and loses precision well before, while the estimates need c in the
 * thousands (a pooled tier of 100 instances × 50 workers is c = 5,000).
 */

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
