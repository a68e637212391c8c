/**
 * Explanations (estimates/explanation.ts) into words: the sentence that says which
 * formula gave a number and from what, and the formula itself for the hover.
 *
 * Two number styles: `text` reads as every other number on screen (present/numbers.ts);
 * `json` keeps the sentences `archscope simulate --format json` has always written in
 * `basis` (docs/estimates.md, ESTIMATES.md "JSON fields"): raw numbers, as computed.
 */
import type {
    AvailabilityExplanation, AvailabilityFormula, Explanation, InputName, LatencyExplanation, LoadExplanation
} from '../estimates/explanation.js';
import { inputValue } from '../estimates/explanation.js';
import { formatAvailability, formatDuration, formatMinutes, formatPercent, formatRate } from './numbers.js';

export type NumberStyle = 'text' | 'json';

interface Numbers {
    rate(rps: number): string;
    minutes(minutes: number): string;
    availability(a: number): string;
    probability(p: number): string;
    duration(ms: number): string;
}

const round = (value: number, digits: number): number => Number(value.toFixed(digits));

const TEXT: Numbers = { rate: formatRate, minutes: formatMinutes, availability: formatAvailability, probability: formatPercent, duration: formatDuration };

/** The JSON contract's forms, unchanged since the sentences were written in estimates/ (kept for consumers that compare them). */
const JSON_FORMS: Numbers = {
    rate: rps => `${rps} rps`,
    minutes: minutes => (minutes >= 1 ? `${round(minutes, 1)} min` : `${round(minutes * 60, 1)} s`),
    availability: a => String(a),
    probability: p => String(round(p, 4)),
    duration: ms => `${round(ms, 2)} ms`
};

function numbers(style: NumberStyle): Numbers {
    return style === 'json' ? JSON_FORMS : TEXT;
}

function num(explanation: Explanation<string>, name: InputName): number {
    return Number(inputValue(explanation, name));
}

function str(explanation: Explanation<string>, name: InputName): string {
    return String(inputValue(explanation, name));
}

/** The availability of one node, in words: which case of node-availability.ts applied, with its inputs. */
export function explainAvailability(e: AvailabilityExplanation, style: NumberStyle = 'text'): string {
    const n = numbers(style);
    switch (e.formula) {
        case 'overloaded':
            return num(e, 'n') < num(e, 'full')
                ? `overloaded at the peak (cap-overload): as a failure figure, the share of its ${num(e, 'full')} instances' capacity up (${num(e, 'n')} left, a = ${n.availability(num(e, 'a'))}); the overload's own share is counted apart`
                : `overloaded at the peak (cap-overload): as a failure figure, the share of its ${num(e, 'n')} ${num(e, 'n') === 1 ? 'instance' : 'instances\''} capacity up (a = ${n.availability(num(e, 'a'))}); the overload's own share is counted apart`;
        case 'k-of-n': return `at least ${num(e, 'k')} of ${num(e, 'n')} instances up (k-of-n, a = ${n.availability(num(e, 'a'))})`;
        case 'managed': return `managed service: the provider's availability for the whole service (${n.availability(num(e, 'a'))})`;
        case 'shard-copies': return `a key's shard is up while any of its ${num(e, 'copies')} ${num(e, 'copies') === 1 ? 'copy' : 'copies'} is (spread over ${num(e, 'n')} instances, a = ${n.availability(num(e, 'a'))})`;
        case 'quorum': return `quorum: at least ${num(e, 'k')} of ${num(e, 'n')} members up`;
        case 'failover': return `failover (${str(e, 'method')}, ${n.minutes(num(e, 'promotionMinutes'))} to promote) over ${num(e, 'copies')} copies`;
        case 'reads-writes':
            return `reads: any of ${num(e, 'copies')} copies up; writes: failover (${str(e, 'method')}, ${n.minutes(num(e, 'promotionMinutes'))} to promote)`;
        case 'arbiter-gated':
            return `writes need a quorum of ${str(e, 'arbiter')} (${n.availability(num(e, 'quorum'))}) and the failover (${n.minutes(num(e, 'promotionMinutes'))} to promote) over ${num(e, 'copies')} copies`;
        case 'active-passive': return `active_passive: heartbeat failover (${n.minutes(num(e, 'promotionMinutes'))}) over ${num(e, 'n')} instances`;
        case 'single': return `one instance (a = ${n.availability(num(e, 'a'))})`;
        case 'none-left': return 'no instance left';
        case 'too-few-left': return `${num(e, 'n')} instances left, fewer than the ${num(e, 'k')} the peak needs: overloaded, nothing served`;
        case 'no-health-checks': return `${num(e, 'n')} instances without health checks: a dead one keeps its share (A ≈ a)`;
    }
}

/** The formula behind each availability case, as the hover shows it beside the sentence. */
const AVAILABILITY_FORMULAS: Record<AvailabilityFormula, string | undefined> = {
    'k-of-n': 'A = Σ_{i=k..n} C(n,i) aⁱ(1−a)^{n−i}',
    'quorum': 'A = Σ_{i=k..n} C(n,i) aⁱ(1−a)^{n−i}',
    'shard-copies': 'A = 1 − (1 − a)^{copies} (one zone of m lost: a shard loses a copy with chance copies / m)',
    'managed': 'A = the declared or default availability of the whole service',
    'arbiter-gated': 'A_writes = A_quorum × (1 − min(1 − a, (1/MTBF) × promotion time + P(fewer copies up than a write needs)))',
    'reads-writes': 'A = f_reads × (1 − (1 − a)^{copies}) + f_writes × A_writes, A_writes by failover: 1 − min(1 − a, (1/MTBF) × promotion time + (1 − a)^{copies})',
    // Capped at the primary alone: a standby never lowers availability (docs/estimates.md).
    'failover': 'unavailability ≈ min(1 − a, (1/MTBF) × promotion time + (1 − a)^{copies})',
    'active-passive': 'unavailability ≈ min(1 − a, (1/MTBF) × promotion time + (1 − a)^{copies})',
    'single': 'A = a',
    'no-health-checks': 'A = a',
    'overloaded': 'A = a × n_left / n (the mean share of its capacity up; 1 − 1/ρ counted apart)',
    'none-left': undefined,
    'too-few-left': undefined
};

export function availabilityFormula(formula: AvailabilityFormula): string | undefined {
    return AVAILABILITY_FORMULAS[formula];
}

/** How the utilization was reached: the busiest member's load against what one member sustains. */
export function explainLoad(e: LoadExplanation, style: NumberStyle = 'text'): string {
    const n = numbers(style);
    const busiest = style === 'json' ? round(num(e, 'busiestRps'), 1) : num(e, 'busiestRps');
    return `${n.rate(busiest)} on the busiest of ${num(e, 'members')} member(s), each sustaining ${n.rate(num(e, 'capacityPerInstanceRps'))}`;
}

/** The workers of one queue and their service time k / C (queueing.ts `serviceTimeMs`), when the explanation has it. */
function workers(e: LatencyExplanation, n: Numbers): string {
    const serviceMs = inputValue(e, 'serviceMs');
    const count = `${num(e, 'workers')} workers`;
    return serviceMs === undefined ? count : `${count} of ${n.duration(Number(serviceMs))} (k / capacity)`;
}

/** How the latency was reached: M/M/c, a queue without bound, or the service time alone. */
export function explainLatency(e: LatencyExplanation, style: NumberStyle = 'text'): string {
    const n = numbers(style);
    switch (e.formula) {
        case 'mm-c': return `one pooled M/M/c queue with c = ${workers(e, n)}, P(wait) = ${n.probability(num(e, 'pWait'))}`;
        case 'mm-c-per-instance':
            return `an M/M/c queue per instance (${num(e, 'queues')} of them, c = ${workers(e, n)} each, each taking its share of the arrivals), P(wait) = ${n.probability(num(e, 'pWait'))}`;
        case 'allen-cunneen':
            return `round robin: an M/M/c queue per instance (${num(e, 'queues')} of them, c = ${workers(e, n)} each) with the wait scaled by Allen–Cunneen's (c_a² + c_s²)/2 for its smoother arrivals, an approximation; P(wait) = ${n.probability(num(e, 'pWait'))}`;
        case 'unbounded-queue': return `overloaded: arrivals exceed what its ${num(e, 'workers')} workers serve, so the queue grows without bound`;
        case 'service-time':
            return `service time only (${str(e, 'capacity') === 'missing' ? 'no' : 'no usable'} \`capacity\`, so no queueing): exponential, p99 = S·ln 100`;
    }
}

/** The three explanations of a node as sentences, absent where the estimate was not made. */
export interface Basis {
    load?: string;
    latency?: string;
    availability?: string;
}

export function explainNode(explanation: { load?: LoadExplanation; latency?: LatencyExplanation; availability?: AvailabilityExplanation }, style: NumberStyle = 'text'): Basis {
    const basis: Basis = {};
    if (explanation.load) basis.load = explainLoad(explanation.load, style);
    if (explanation.latency) basis.latency = explainLatency(explanation.latency, style);
    if (explanation.availability) basis.availability = explainAvailability(explanation.availability, style);
    return basis;
}
