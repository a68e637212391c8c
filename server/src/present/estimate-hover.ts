/**
 * The Markdown of the estimate hovers: a node's inputs (declared or default),
 * each estimate with the formula it came from, and the system's summary with
 * the defaults and notes it rests on (ESTIMATES.md: "every number is shown
 * with the inputs and defaults it rests on").
 */
import { assumptionsInWords } from './assumptions.js';
import type { NodeEstimate, SimulationResult } from '../estimates/simulate.js';
import type { TopologyNode } from '../model/topology.js';
import type { EstimateInput } from './estimate-inputs.js';
import { formatAvailability, formatDuration, formatMinutes, formatNines, formatNumber, formatPercent, formatRate, formatRatio } from './numbers.js';
import { availabilityFormula, explainNode } from './explain.js';
import { sizeInWords } from './size.js';
import { escapeInline, escapeInlineKeepingCode } from './markdown.js';
import { availabilityMethodInWords, costliestInWords, overloadedInWords } from './system-summary.js';

export interface NodeHoverInput {
    node: TopologyNode;
    /** Undefined when the node has no estimates (a later duplicate of a name). */
    estimate?: NodeEstimate;
    inputs: EstimateInput[];
    onRequestPath: boolean;
    /** The system's peak (traffic's, or the clients' summed). */
    peakRps?: number;
    /** The share of the system's requests that read (traffic's, or the clients'), when the model says it. */
    readShare?: number;
    /** Diagnostics reported on this node, when known. */
    findings?: number;
}

/** One bullet: "**what**: value — why", with the generated text escaped around its code spans. */
function item(what: string, value: string, why?: string): string {
    return `- **${what}**: ${value}${why ? ` — ${escapeInlineKeepingCode(why)}` : ''}`;
}

function inputLine(input: EstimateInput): string {
    const value = input.value ? `${escapeInlineKeepingCode(input.value)} ` : '';
    const effect = input.effect ? `: ${escapeInlineKeepingCode(input.effect)}` : '';
    return `- ${escapeInlineKeepingCode(input.what)} ${value}(${input.source})${effect}`;
}

function heading(node: TopologyNode): string[] {
    const lines = [`**${escapeInline(node.name)}** · ${node.kind} · ${sizeInWords(node)}`];
    const about: string[] = [];
    if (node.label !== undefined) about.push(`label: ${escapeInline(node.label)}`);
    if (node.engine !== undefined) about.push(`engine: ${escapeInline(node.engine)}`);
    if (about.length > 0) lines.push('', about.join(' · '));
    return lines;
}

function estimateLines(input: NodeHoverInput, estimate: NodeEstimate): string[] {
    const lines: string[] = [];
    const basis = explainNode(estimate.explanation);
    if (estimate.loadRps !== null) {
        // The multiplier, not the request share: a node reached along two paths can take more than the peak.
        const how = input.peakRps !== undefined && input.peakRps > 0
            ? `peak ${formatRate(input.peakRps)} × ${formatNumber(Number((estimate.loadRps / input.peakRps).toPrecision(4)))}: `
            : '';
        lines.push(item('load', formatRate(estimate.loadRps),
            `${how}the edges' shares multiplied along each path to it, summed over paths; a cache or cdn passes on writes + (1 − hit) × reads`));
        // By class where the mix differs from the system's (an edge of one class, a cache's hits).
        const byClass = estimate.loadByClass;
        if (byClass && estimate.loadRps > 0 && input.readShare !== undefined
            && Math.abs(byClass.reads / estimate.loadRps - input.readShare) > 0.005) {
            lines.push(item('by class', `${formatRate(byClass.reads)} reads · ${formatRate(byClass.writes)} writes`, 'the mix reaching it differs from the system\'s'));
        }
    } else if (estimate.requestShare !== null) {
        lines.push(item('share of the requests', formatPercent(estimate.requestShare), 'reaching it along the edges (no peak, so no load)'));
    }
    if (estimate.capacityRps !== null) lines.push(item('capacity', formatRate(estimate.capacityRps), 'load / utilization: what the tier carries at this mix'));
    if (estimate.utilization !== null) {
        const hot = estimate.utilization >= 1 ? ' (overloaded)' : '';
        lines.push(item('utilization', `${formatPercent(estimate.utilization)}${hot}`, `ρ = λ / capacity of one member: ${basis.load ?? ''}`));
    }
    if (estimate.utilizationOneLost !== null) {
        lines.push(item('utilization with one lost', formatPercent(estimate.utilizationOneLost), 'the same with one instance, replica or master fewer'));
    }
    if (estimate.latencyMs !== null) {
        lines.push(item('latency', `mean ${formatDuration(estimate.latencyMs.mean)} · p99 ${formatDuration(estimate.latencyMs.p99)}`, basis.latency));
    } else if (basis.latency) {
        lines.push(item('latency', 'unbounded', basis.latency));
    }
    if (estimate.shardSkew !== null) lines.push(item('busiest shard / mean', formatRatio(estimate.shardSkew), 'key popularity (Zipf) placed over the shards'));
    if (estimate.availability !== null) {
        // The formula by its name in the explanation: rewording a sentence cannot drop it.
        const formula = estimate.explanation.availability ? availabilityFormula(estimate.explanation.availability.formula) : undefined;
        const why = [basis.availability, formula ? `\`${formula}\`` : undefined].filter(Boolean).join('; ');
        lines.push(item('availability', formatAvailability(estimate.availability), why || undefined));
    }
    const queued = estimate.queued;
    if (queued) {
        // Behind a queue: its failures and overloads delay work, they fail no request.
        if (queued.backlogGrowthRps !== null && queued.backlogGrowthRps > 0) {
            lines.push(item('backlog', `grows by ${formatRate(queued.backlogGrowthRps)}`, 'the peak enqueues more than it consumes, so the queue never drains: λ − μ'));
        } else if (queued.drainMinutesAfterOutage !== null) {
            lines.push(item('drain after an outage', formatMinutes(queued.drainMinutesAfterOutage),
                `the work queued during a mean outage (${formatMinutes(queued.outageMinutes)}, MTBF × (1 − a)/a) drains at μ − λ: T × ρ / (1 − ρ)`));
        }
    }
    return lines;
}

export function nodeHoverMarkdown(input: NodeHoverInput): string {
    const lines = heading(input.node);
    const { estimate } = input;
    if (!estimate) {
        lines.push('', 'Declared again: the estimates belong to the first declaration of this name.');
        return lines.join('\n');
    }
    lines.push('', '**Inputs**', '', ...input.inputs.map(inputLine));
    const estimates = estimateLines(input, estimate);
    lines.push('', input.peakRps !== undefined && input.onRequestPath ? '**Estimates at the peak**' : '**Estimates**', '');
    if (estimates.length > 0) lines.push(...estimates);
    else if (!input.onRequestPath) lines.push('Not on a request path: no entry node reaches it, so it carries no requests.');
    else lines.push('Nothing to estimate without a `peak`, a `capacity` or a `latency`.');
    if (!input.onRequestPath && estimates.length > 0) lines.push('', 'Not on a request path: it carries no requests.');
    if (input.findings !== undefined && input.findings > 0) {
        lines.push('', `${input.findings} finding${input.findings === 1 ? '' : 's'} on this node (see Problems).`);
    }
    return lines.join('\n');
}

export function systemHoverMarkdown(result: SimulationResult, requestPathNodes: number): string {
    const lines = [`**system ${escapeInline(result.system)}**`, ''];
    const a = result.availability;
    if (a.system !== null) {
        lines.push(item('availability', `${formatAvailability(a.system)} · ${formatNines(a.nines!)} nines · ${formatMinutes(a.downtimeMinutesPerYear!)}/yr down`,
            `${availabilityMethodInWords(result)}, over the ${requestPathNodes} node(s) on request paths; `
            + 'nines `= −log10(1 − A)`; downtime `= (1 − A) × 525,600 min`'));
    } else {
        lines.push(item('availability', 'not estimated', 'no node on a request path'));
    }
    if (a.zoneLost) {
        const down = a.zoneLost.down.length > 0 ? `; down with it: ${a.zoneLost.down.join(', ')}` : '';
        lines.push(item(`with zone ${escapeInline(a.zoneLost.zone)} lost`,
            `${formatAvailability(a.zoneLost.system)} · ${formatNines(a.zoneLost.nines)} nines · ${formatMinutes(a.zoneLost.downtimeMinutesPerYear)}/yr down`,
            `the worst zone: its share of each node's instances down${down}`));
    }
    const overloaded = overloadedInWords(result, escapeInline);
    if (overloaded) lines.push(item('overloaded', overloaded, 'overload is not downtime: cap-overload says what to change'));
    const costliest = costliestInWords(result, escapeInline);
    if (costliest) lines.push(item('downtime a year each node costs, most first', costliest, 'the requests served with the node never down, minus those served as it is'));
    if (result.latencyMs) {
        lines.push(item('end-to-end latency', `mean ${formatDuration(result.latencyMs.mean)} · p99 ${formatDuration(result.latencyMs.p99)}`,
            'calls made one after another; mean by linearity, p99 by a seeded Monte Carlo over request traversals (M/M/c response time per visit)'));
    }
    const { defaults, notes } = assumptionsInWords(result);
    if (defaults.length > 0) {
        lines.push('', '**Defaults used** (the model does not say)', '', ...defaults.map(d => `- ${escapeInlineKeepingCode(d)}`));
    }
    if (notes.length > 0) {
        lines.push('', '**Notes**', '', ...notes.map(n => `- ${escapeInlineKeepingCode(n)}`));
    }
    return lines.join('\n');
}
