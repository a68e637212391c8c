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
