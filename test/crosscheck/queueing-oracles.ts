/**
 * Textbook queueing figures the request simulation is held to, written here from the formulas of
 * ESTIMATES.md ("Capacity and latency") and nowhere imported from the estimates: the cross-check
 * must not share a formula with what it checks.
 */

/** Erlang C: the chance an arrival waits, offered load A over c servers (Erlang B's recurrence, stable for large c). */
export function erlangC(c: number, offered: number): number {
    let b = 1;
    for (let k = 1; k <= c; k++) b = (offered * b) / (k + offered * b);
    return (c * b) / (c - offered * (1 - b));
}

/** M/M/c: mean wait before service, seconds, at arrival rate λ and service rate μ per server. */
export function meanWait(lambda: number, mu: number, c: number): number {
    return erlangC(c, lambda / mu) / (c * mu - lambda);
}

/** M/M/c: the p99 response time (wait + service), seconds: P(T > t) = 0.01 solved by bisection. */
export function responseP99(lambda: number, mu: number, c: number): number {
    const waits = erlangC(c, lambda / mu);
    const theta = c * mu - lambda;
    const tail = (t: number): number => (Math.abs(theta - mu) < 1e-12
        ? (1 - waits) * Math.exp(-mu * t) + waits * (1 + mu * t) * Math.exp(-mu * t)
        : (1 - waits) * Math.exp(-mu * t) + (waits * (theta * Math.exp(-mu * t) - mu * Math.exp(-theta * t))) / (theta - mu));
    return solveDecreasing(tail, 0.01);
}

/** The p99 of the sum of two exponentials of means m1 ≠ m2 (a path of two delays, no queueing). */
export function twoDelaysP99(m1: number, m2: number): number {
    const a = 1 / m1, b = 1 / m2;
    return solveDecreasing(t => (b * Math.exp(-a * t) - a * Math.exp(-b * t)) / (b - a), 0.01);
}

/** The t where a decreasing tail function falls to `level`. */
function solveDecreasing(tail: (t: number) => number, level: number): number {
    let low = 0, high = 1;
    while (tail(high) > level) high *= 2;
    for (let i = 0; i < 200; i++) {
        const middle = (low + high) / 2;
        if (tail(middle) > level) low = middle;
        else high = middle;
    }
    return (low + high) / 2;
}
