/**
 * Availability math (ESTIMATES.md, "Availability" and "Failover"). Pure math:
 * availabilities are fractions (0.995), times are minutes.
 *
 * Unavailability (1 − A) is what the reader acts on (nines, downtime), so the
 * k-of-n functions compute whichever tail is small directly instead of as
 * 1 minus something close to 1: an unavailability of 1e-12 stays 1e-12.
 */
import { DEFAULT_MTBF_MINUTES, MINUTES_PER_YEAR } from './defaults.js';
import { erfc } from './normal.js';

/**
 * Chance that at least `k` of `n` independent instances, each up with
 * probability `a`, are up.
 *
 * Formula (ESTIMATES.md, "Availability"): A = Σ_{i=k..n} C(n,i) aⁱ(1−a)^{n−i},
 * the upper tail of the binomial distribution. k ≤ 0 gives 1; k > n gives 0.
 * See `binomialTails` for how it stays accurate for n in the thousands.
 */
export function atLeastKOfN(n: number, k: number, a: number): number {
    return binomialTails(n, k, a).atLeast;
}

/**
 * 1 − atLeastKOfN(n, k, a), computed directly: the chance that fewer than `k`
 * of `n` instances are up, Σ_{i=0..k−1} C(n,i) aⁱ(1−a)^{n−i} (same formula,
 * lower tail), accurate relative to its own size down to about 1e-300.
 */
export function unavailabilityAtLeastKOfN(n: number, k: number, a: number): number {
    return binomialTails(n, k, a).below;
}

/**
 * Availability of an arbiter group (a quorum): a majority, k = ⌊n/2⌋+1 of n
 * members, must be up (ESTIMATES.md, "Availability": "Arbiter groups are
 * quorums"). Example: 3 members at a → 3a² − 2a³.
 */
export function quorumAvailability(n: number, a: number): number {
    return atLeastKOfN(n, Math.floor(n / 2) + 1, a);
}

export interface FailoverInput {
    /** Availability of each copy (the primary and every standby). */
    instanceAvailability: number;
    /** Copies that can be promoted when the primary fails. */
    standbys: number;
    /** Time to promote a standby, in minutes. */
    promotionMinutes: number;
    /** Mean time between failures of the primary, in minutes (default: 30 days). */
    mtbfMinutes?: number;
}

/**
 * Unavailability of a primary with standbys that take over by failover.
 *
 * Formula (ESTIMATES.md, "Availability", failover): (1/MTBF) × promotion time,
 * the share of time spent promoting after a failure, plus (1 − a)^{standbys+1},
 * the chance every copy is down at once. Capped at 1.
 * With no standby nothing is promoted: the primary is down while it is down, 1 − a.
 */
export function failoverUnavailability(input: FailoverInput): number {
    const { instanceAvailability: a, standbys, promotionMinutes } = input;
    const mtbf = input.mtbfMinutes ?? DEFAULT_MTBF_MINUTES;
    checkProbability('instanceAvailability', a);
    checkCount('standbys', standbys);
    if (!(promotionMinutes >= 0) || !Number.isFinite(promotionMinutes)) {
        throw new RangeError(`promotionMinutes must be a finite number ≥ 0, got ${promotionMinutes}`);
    }
    if (!(mtbf > 0)) throw new RangeError(`mtbfMinutes must be > 0, got ${mtbf}`);
    if (standbys === 0) return 1 - a;
    return Math.min(1, promotionMinutes / mtbf + Math.pow(1 - a, standbys + 1));
}

/**
 * Availability of redundant subsystems in parallel: up while any one is up.
 *
 * Formula: A = 1 − Π (1 − A_i) (independent failures; ESTIMATES.md oracle:
 * two subsystems of 99% in parallel → 99.99%). No subsystems: 0.
 */
export function parallelAvailability(availabilities: readonly number[]): number {
    let allDown = 1;
    for (const a of availabilities) {
        checkProbability('availability', a);
        allDown *= 1 - a;
    }
    return 1 - allDown;
}

/** Nines of an availability: −log10(1 − A) (ESTIMATES.md, "Availability"); Infinity at A = 1. */
export function nines(a: number): number {
    checkProbability('availability', a);
    // 0 − …, not −…: A = 0 has 0 nines, not −0.
    return 0 - Math.log10(1 - a);
}

/**
 * Expected downtime per year: (1 − A) × 525,600 minutes (ESTIMATES.md,
 * "Availability"). Oracle: 99.9% / 99.99% / 99.999% → 8.76 h / 52.56 min / 5.26 min.
 */
export function downtimeMinutesPerYear(a: number): number {
    checkProbability('availability', a);
    return (1 - a) * MINUTES_PER_YEAR;
}

/**
 * The k of k-of-n: the fewest instances that keep utilization ρ < 1 at the
 * peak (ESTIMATES.md, "Availability"), i.e. the smallest integer k with
 * load < k × capacity (ρ = load / (k × capacity), "Capacity and latency").
 * 1 when the capacity is unknown (or not positive) or there is no load.
 */
export function instancesNeeded(loadRps: number, capacityPerInstanceRps: number | undefined): number {
    if (!(loadRps >= 0) || !Number.isFinite(loadRps)) throw new RangeError(`loadRps must be a finite number ≥ 0, got ${loadRps}`);
    if (capacityPerInstanceRps === undefined || !(capacityPerInstanceRps > 0) || loadRps === 0) return 1;
    let k = Math.max(1, Math.floor(loadRps / capacityPerInstanceRps) + 1);
    // Past 2^53 doubles skip integers, so k ± 1 may not move k and the settling below would never end
    // (`peak 99999999999999999999 rps` over 400 rps instances needs 2.5·10^17 of them, or Infinity when the
    // division overflows). A count off by one at that size changes nothing an estimate reports.
    if (!(k <= Number.MAX_SAFE_INTEGER)) return k;
    // The division rounds: settle k on the strict inequality itself.
    while (k > 1 && loadRps < (k - 1) * capacityPerInstanceRps) k--;
    while (!(loadRps < k * capacityPerInstanceRps)) k++;
    return k;
}

/**
 * What a tier of identical instances behind a balancer sustains: n × C
 * (ESTIMATES.md, "Capacity and latency": ρ = λ / (n × capacity)).
 * Oracle: a server that handles 100 users, doubled behind a balancer → 200 users.
 */
export function tierCapacityRps(instances: number, capacityPerInstanceRps: number): number {
    checkCount('instances', instances);
    if (!(capacityPerInstanceRps >= 0)) throw new RangeError(`capacityPerInstanceRps must be ≥ 0, got ${capacityPerInstanceRps}`);
    return instances * capacityPerInstanceRps;
}

interface Tails {
    /** P(X ≥ k). */
    atLeast: number;
    /** P(X < k) = 1 − P(X ≥ k), computed on its own. */
    below: number;
}

/** Stop summing a tail once what is left cannot change it by more than this share. */
const NEGLIGIBLE = 1e-17;
/** A term this far below the mode (in natural log) is below the smallest double: the tail past it is 0. */
const LOG_UNDERFLOW = -800;
/** Below this a running product of ratios is folded into a logarithm (doubles reach down to about 1e-308). */
const RESCALE_BELOW = 1e-250;

/**
 * Both tails of X ~ Binomial(n, a) split at k, each to full relative precision.
 *
 * Method: the pmf is log-concave, so its terms rise to the mode m =
 * ⌊(n+1)a⌋ and fall on both sides. Terms are taken relative to the mode's
 * term via the ratio recurrence p(i+1)/p(i) = (n−i)/(i+1) · a/(1−a) (no
 * factorials, no overflow). The tail that holds the mode is summed outwards
 * from it; the other tail is reached by multiplying the ratios from the mode
 * to its edge (folded into a logarithm once tiny, so nothing underflows), then
 * summed outwards from there. Walking away from the mode every further ratio
 * is smaller than the last one r (log-concavity), so once r < 1 what is left
 * is at most term · r/(1−r): the sum stops when that is negligible. Each tail
 * is therefore a sum of positive terms (no cancellation), and the cost grows
 * with the width of the distribution (√(n·a·(1−a))), not with n.
 */
function binomialTails(n: number, k: number, a: number): Tails {
    checkCount('n', n);
    if (!Number.isInteger(k)) throw new RangeError(`k must be an integer, got ${k}`);
    checkProbability('a', a);
    if (k <= 0) return { atLeast: 1, below: 0 };
    if (k > n) return { atLeast: 0, below: 1 };
    if (a === 1) return { atLeast: 1, below: 0 };
    if (a === 0) return { atLeast: 0, below: 1 };
    // Past 2^53 `i ± 1` no longer changes i, and long before that the walk (√(n·a·(1−a)) terms) is too long.
    if (n > EXACT_UP_TO) return normalTails(n, k, a);

    const odds = a / (1 - a);
    // Ratio of the term at i+dir to the term at i.
    const ratio = (i: number, dir: 1 | -1): number => (dir === 1 ? ((n - i) / (i + 1)) * odds : (i / (n - i + 1)) / odds);
    // Σ of the terms from `start` (counted as 1) to `end` inclusive, walking away from the mode.
    const sumFrom = (start: number, dir: 1 | -1, end: number): number => {
        let sum = 1;
        let term = 1;
        for (let i = start; i !== end; i += dir) {
            const r = ratio(i, dir);
            term *= r;
            sum += term;
            if (r < 1 && (term * r) / (1 - r) <= sum * NEGLIGIBLE) break;
        }
        return sum;
    };

    const mode = Math.min(n, Math.floor((n + 1) * a));
    // The tail without the mode ("far") lies on one side of the mode; its edge is the term nearest the mode.
    const farIsBelow = k <= mode;
    const dir: 1 | -1 = farIsBelow ? -1 : 1;
    const edge = farIsBelow ? k - 1 : k;
    // The near tail: from the mode towards the far tail (stopping before its edge), and away from it to the end.
    const near = sumFrom(mode, dir, edge - dir) + sumFrom(mode, dir === 1 ? -1 : 1, dir === 1 ? 0 : n) - 1;

    // The term at the edge relative to the mode's, as edgeTerm · e^{logScale}: a plain product,
    // moved into logScale whenever it gets small so that it cannot underflow.
    let edgeTerm = 1;
    let logScale = 0;
    for (let i = mode; i !== edge && logScale > LOG_UNDERFLOW; i += dir) {
        edgeTerm *= ratio(i, dir);
        if (edgeTerm < RESCALE_BELOW) {
            logScale += Math.log(edgeTerm);
            edgeTerm = 1;
        }
    }
    const far = logScale > LOG_UNDERFLOW ? edgeTerm * Math.exp(logScale) * sumFrom(edge, dir, dir === 1 ? n : 0) : 0;

    // The smaller share has full relative precision; the larger is 1 minus it, right to the last bit.
    let farShare = far / (near + far);
    let nearShare = near / (near + far);
    if (farShare <= 0.5) nearShare = 1 - farShare;
    else farShare = 1 - nearShare;
    return farIsBelow ? { atLeast: nearShare, below: farShare } : { atLeast: farShare, below: nearShare };
}

/** Largest n summed term by term: a walk of about 40 standard deviations, at most ~10^7 steps. */
const EXACT_UP_TO = 1e12;

/**
 * Both tails for absurdly large n (a typo such as `instances 99999999999999999999`, which must not hang
 * the checker): the normal approximation with continuity correction, P(X ≥ k) ≈ Q((k − ½ − na)/√(na(1−a)))
 * (de Moivre–Laplace). At such n the tails are 0 or 1 to double precision except within a few standard
 * deviations of na, where the approximation's error is O(1/√n) < 1e-6.
 */
function normalTails(n: number, k: number, a: number): Tails {
    const z = (k - 0.5 - n * a) / Math.sqrt(n * a * (1 - a));
    const atLeast = 0.5 * erfc(z / Math.SQRT2);
    const below = 0.5 * erfc(-z / Math.SQRT2);
    return { atLeast, below };
}

function checkProbability(name: string, p: number): void {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`${name} must be a probability in [0, 1], got ${p}`);
}

function checkCount(name: string, n: number): void {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`${name} must be a whole number ≥ 0, got ${n}`);
}
