/**
 * What an estimate computed, as data (issue 10): the formula by name, the inputs it
 * used with where each came from, and the result. The words are present/explain.ts's;
 * a hover picks the formula to show by `formula`, never by reading a sentence.
 */
import type { SourceRange } from '../model/topology.js';

/** Where an input's value came from: written in the model (and where), the default the model left, or worked out from other inputs. */
export type Provenance =
    | { kind: 'declared'; range?: SourceRange }
    | { kind: 'default' }
    | { kind: 'derived' };

export const DECLARED = (range?: SourceRange): Provenance => ({ kind: 'declared', range });
export const DEFAULT: Provenance = { kind: 'default' };
export const DERIVED: Provenance = { kind: 'derived' };

/** The availability formulas of node-availability.ts (ESTIMATES.md "Availability"). */
export type AvailabilityFormula =
    /** Up while at least k of n are up, k the fewest that carry the peak. */
    | 'k-of-n'
    /**
     * Even all n cannot carry the peak: overloaded, which cap-overload reports apart; as a failure
     * figure it serves the mean share of its capacity up, A = a × n_left / n (overload.ts counts the
     * share it sheds; docs/estimates.md says why not ESTIMATES.md's aⁿ).
     */
    | 'overloaded'
    /** A managed service (dns or cdn without `instances`): the provider's availability for the whole service. */
    | 'managed'
    /** A cache, search, storage or queue holding its shards' copies on its instances: a key's shard is up while any copy is. */
    | 'shard-copies'
    /** A coordinator: a majority of its members up. */
    | 'quorum'
    /** A primary with standbys: unavailability ≈ (1/MTBF) × promotion + every copy down. */
    | 'failover'
    /** primary_replica: reads from any copy, writes by failover, mixed by the read share. */
    | 'reads-writes'
    /** Writes need a quorum of the arbiter group: the failover's figure times the group's. */
    | 'arbiter-gated'
    /** An active_passive tier: heartbeat failover over its instances. */
    | 'active-passive'
    /** One instance: A = a. */
    | 'single'
    /** Every instance lost (a zone down). */
    | 'none-left'
    /** A zone's loss left fewer than the k instances the peak needs: nothing is served (the zone-lost figure lists it as overloaded). */
    | 'too-few-left'
    /** No health checks: a dead instance keeps its share, A ≈ a. */
    | 'no-health-checks';

/** How the utilization was reached (tier-load.ts): the busiest member's load over what one sustains. */
export type LoadFormula = 'busiest-member';

/**
 * How the latency was reached (queueing.ts): one pooled M/M/c; an M/M/c per instance (random split, or no
 * balancer in front); that with Allen–Cunneen's correction for round robin's smoother arrivals (an
 * approximation); a queue that grows without bound; or the service time alone.
 */
export type LatencyFormula = 'mm-c' | 'mm-c-per-instance' | 'allen-cunneen' | 'unbounded-queue' | 'service-time';

/** The names of the inputs the formulas above use. */
export type InputName =
    | 'k' | 'n' | 'full' | 'a' | 'queues' | 'copies' | 'standbys' | 'members' | 'method' | 'promotionMinutes' | 'arbiter' | 'quorum' | 'syncCopies'
    | 'busiestRps' | 'capacityPerInstanceRps' | 'workers' | 'serviceMs' | 'pWait' | 'capacity';

export interface ExplainedInput {
    name: InputName;
    value: number | string;
    from: Provenance;
}

export interface Explanation<F extends string> {
    formula: F;
    inputs: ExplainedInput[];
    /** What the formula gave (an availability, a utilization, a mean response time); null when nothing finite. */
    result: number | null;
}

export type AvailabilityExplanation = Explanation<AvailabilityFormula>;
export type LoadExplanation = Explanation<LoadFormula>;
export type LatencyExplanation = Explanation<LatencyFormula>;

/** The value of an input by name (the formula says which inputs it has). */
export function inputValue(explanation: Explanation<string>, name: InputName): number | string | undefined {
    return explanation.inputs.find(input => input.name === name)?.value;
}
