/**
 * The inputs the cross-check assumes when a model is silent: the values of ESTIMATES.md's
 * "Defaults" table, restated here rather than imported, so that the simulator stays independent
 * of the estimates' code (a wrong default there shows up as a disagreement here).
 */

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

export const SIM_DEFAULTS = {
    /** Availability of one instance. */
    instanceAvailability: 0.995,
    /** Availability of a `dns` or `cdn` that declares no instances (managed: the provider's whole service). */
    managedAvailability: 0.9999,
    /** Availability of an `external` node: a third party's whole service. */
    externalAvailability: 0.999,
    /** Mean time between failures of one instance. */
    mtbfMs: 30 * DAY_MS,
    /** Time to promote a new primary, by failover method. */
    promotionMs: { manual: 30 * MINUTE_MS, probe: 60_000, interconnect: 10_000, arbiter: 30_000 },
    /** Promotion of an `active_passive` pair: a heartbeat between the two. */
    activePassivePromotionMs: 10_000,
    /** Apply time of a synchronous replica that declares no `latency`. */
    syncApplyMs: 1,
    /** Read share when `traffic` says none. */
    readShare: 1
} as const;

export const YEAR_MS = 365 * DAY_MS;
