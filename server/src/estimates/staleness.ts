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
 * Chance that a read decides on a row another user changed inside the lag
 * window, writes spread uniformly over `keys` rows.
 *
 * Formula (ESTIMATES.md, "Replication lag"): P = λ_w × m / K, with λ_w the
 * write rate (per second), m the mean lag (in seconds) and K the number of
 * keys: the expected number of writes to one key during one lag window.
 * Oracle (ESTIMATES.md): one write every 0.858 s, 90 s window, 100,000 rooms → 0.1049%.
 * The linear form is a probability only while it is small; it is capped at 1.
 */
export function conflictWindow(writeRps: number, lagMs: number, keys: number): number {
    if (keys < 1) throw new RangeError(`conflictWindow needs at least one key, got ${keys}`);
    return Math.min(1, writeRps * (lagMs / 1000) / keys);
}
