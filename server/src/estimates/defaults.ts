/** The defaults of ESTIMATES.md, used when the model is silent (and listed as such wherever a number is shown). */
import type { FailoverMethod } from '../model/topology.js';

/** Availability of one instance. */
export const DEFAULT_INSTANCE_AVAILABILITY = 0.995;

/** Mean time between failures of one instance: 30 days, in minutes. */
export const DEFAULT_MTBF_MINUTES = 30 * 24 * 60;

/** Time to promote a new primary, in minutes, per failover method. */
export const PROMOTION_MINUTES: Readonly<Record<FailoverMethod, number>> = {
    manual: 30,
    probe: 1,
    interconnect: 10 / 60,
    arbiter: 0.5
};

/** Utilization at which a tier is reported as running hot. */
export const UTILIZATION_WARNING = 0.8;

export const MINUTES_PER_YEAR = 525_600;

/** Availability of a managed service as a whole (a `dns` or `cdn` without `instances`; `managed` nodes). */
export const DEFAULT_MANAGED_AVAILABILITY = 0.9999;

/** Availability of an `external` node, a third party's service, as a whole. */
export const DEFAULT_EXTERNAL_AVAILABILITY = 0.999;

/** Promotion time of an active_passive pair (a heartbeat between them), in minutes. */
export const ACTIVE_PASSIVE_PROMOTION_MINUTES = 10 / 60;

/** Mean replication lag of an asynchronous replica, in milliseconds. */
export const DEFAULT_LAG_MS = 100;
