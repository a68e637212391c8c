import { DEFAULT_MTBF_MINUTES, MINUTES_PER_YEAR, PROMOTION_MINUTES } from './defaults.js';
import type { FailoverMethod } from '../model/topology.js';

/**
 * Yearly write downtime of a replicated primary from failovers alone.
 * Formula (ESTIMATES.md, "Failover"): unavailability ≈ (1 / MTBF) × promotion time,
 * i.e. the share of time spent promoting; × 525,600 minutes per year.
 */
export function failoverDowntimeMinutesPerYear(method: FailoverMethod, mtbfMinutes = DEFAULT_MTBF_MINUTES): number {
    return (PROMOTION_MINUTES[method] / mtbfMinutes) * MINUTES_PER_YEAR;
}
