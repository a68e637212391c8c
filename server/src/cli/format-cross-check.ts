/**
 * `archscope simulate FILE --check`: the estimates and the cross-check's simulation side by side
 * (docs/crosscheck.md, "The CLI"): per node and figure the estimate, the simulated figure ± its
 * standard error, and whether they agree (crosscheck/agreement.ts); then the system's availability,
 * the zone-lost figure and the end-to-end latency the same way. Numbers become text only through
 * present/numbers.ts.
 */
import { AGREEMENT_SIGMAS, type Agreement, type FigureAgreement } from '../crosscheck/agreement.js';
import type { CrossCheckResult } from '../crosscheck/cross-check.js';
import { formatAvailability, formatCount, formatDuration, formatNumber, formatPercent, formatRate } from '../present/numbers.js';

type Unit = 'rate' | 'share' | 'duration' | 'availability';

const FIGURES: readonly { key: 'load' | 'utilization' | 'latencyMean' | 'latencyP99' | 'availability'; label: string; unit: Unit }[] = [
    { key: 'load', label: 'load', unit: 'rate' },
    { key: 'utilization', label: 'utilization', unit: 'share' },
    { key: 'latencyMean', label: 'mean', unit: 'duration' },
    { key: 'latencyP99', label: 'p99', unit: 'duration' },
    { key: 'availability', label: 'availability', unit: 'availability' }
];

function formatValue(value: number, unit: Unit): string {
    switch (unit) {
        case 'rate': return formatRate(value);
        case 'share': return formatPercent(value);
        case 'duration': return formatDuration(value);
        case 'availability': return formatAvailability(value);
    }
}

/** The error in the figure's unit: `40 rps`, `0.07%`, `0.3 ms`; `?` where the run cannot tell it. */
function formatError(error: number, unit: Unit): string {
    if (!Number.isFinite(error)) return '?';
    switch (unit) {
        case 'rate': return formatRate(error);
        case 'share': case 'availability': return formatPercent(error);
        case 'duration': return formatDuration(error);
    }
}

function simulatedText(figure: FigureAgreement, unit: Unit): string {
    if (!figure.simulated || !Number.isFinite(figure.simulated.value)) return '-';
    return `${formatValue(figure.simulated.value, unit)} ± ${formatError(figure.simulated.standardError, unit)}`;
}

function agreesText(figure: FigureAgreement): string {
    return figure.agrees === null ? '-' : figure.agrees ? 'yes' : 'NO';
}

function pad(cells: string[][]): string {
    const widths = cells[0].map((_, column) => Math.max(...cells.map(row => row[column].length)));
    return cells.map(row => row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd()).join('\n');
}

/** The header lines: what was simulated, and the rule a figure is held to. */
function runLines(result: CrossCheckResult): string[] {
    const parts = [`seed ${result.seed}`];
    if (result.requestRun) {
        parts.push(`${formatCount(result.requestRun.requests)} requests over ${formatDuration(result.requestRun.simulatedSeconds * 1000)} simulated`);
    }
    if (result.failureRun) {
        parts.push(`${formatCount(result.failureRun.years)} years of failures (${formatCount(result.failureRun.unitEvents)} failures and repairs)`);
    }
    return [
        `cross-check of ${result.system}: ${parts.join('; ')}`,
        `agrees: the estimate is within ${AGREEMENT_SIGMAS} standard errors of the simulation (on Student's t scale for an error taken from batches),`,
        'plus the tolerance of a known approximation; "-": not compared (see the note)'
    ];
}

export function formatCrossCheckText(result: CrossCheckResult, agreement: Agreement, notesBefore: readonly string[] = []): string {
    const header = ['node', 'figure', 'estimate', 'simulation', 'agrees', 'note'];
    const rows: string[][] = [];
    for (const node of agreement.nodes) {
        let first = true;
        for (const { key, label, unit } of FIGURES) {
            const figure = node[key];
            if (figure.estimate === null && (!figure.simulated || !Number.isFinite(figure.simulated.value))) continue;
            // A node nothing reaches (no load either way) has nothing to compare but its availability.
            if (key !== 'availability' && figure.estimate === null && figure.simulated?.value === 0) continue;
            rows.push([first ? node.name : '', label, figure.estimate === null ? '-' : formatValue(figure.estimate, unit), simulatedText(figure, unit), agreesText(figure), figure.note ?? '']);
            first = false;
        }
    }
    const system: string[][] = [
        ['availability', agreement.system.estimate === null ? '-' : formatAvailability(agreement.system.estimate), simulatedText(agreement.system, 'availability'), agreesText(agreement.system), agreement.system.note ?? '']
    ];
    const zone = agreement.zoneLost;
    if (zone.estimateZone !== null || zone.simulatedZone !== null) {
        const zoneNote = zone.zoneAgrees === false ? `the worst zone differs${zone.note ? `; ${zone.note}` : ''}` : zone.note ?? '';
        system.push([
            'zone lost',
            zone.estimate === null ? '-' : `${zone.estimateZone}: ${formatAvailability(zone.estimate)}`,
            zone.simulated ? `${zone.simulatedZone}: ${simulatedText(zone, 'availability')}` : '-',
            zone.zoneAgrees === false ? 'NO' : agreesText(zone),
            zoneNote
        ]);
    }
    for (const [label, figure] of [['latency mean', agreement.latencyMean], ['latency p99', agreement.latencyP99]] as const) {
        if (figure.estimate === null && !figure.simulated) continue;
        system.push([label, figure.estimate === null ? '-' : formatDuration(figure.estimate), simulatedText(figure, 'duration'), agreesText(figure), figure.note ?? '']);
    }
    const lines = [...runLines(result), '', pad([header, ...rows]), '', pad([['system', 'estimate', 'simulation', 'agrees', 'note'], ...system])];
    if (result.overloaded.length > 0) {
        lines.push('', `overloaded at the peak (simulated as delays, no latency): ${result.overloaded.map(o => `${o.node} (${formatPercent(o.utilization)})`).join(', ')}`);
    }
    const disagreements = countDisagreements(agreement);
    lines.push('', disagreements === 0 ? 'every figure compared agrees' : `${formatNumber(disagreements)} figure(s) disagree: the estimate or the simulation is wrong there (docs/crosscheck.md)`);
    const notes = [...notesBefore, ...result.notes];
    if (notes.length > 0) {
        lines.push('', 'notes:');
        for (const note of notes) lines.push(`  - ${note}`);
    }
    return lines.join('\n') + '\n';
}

export function countDisagreements(agreement: Agreement): number {
    const figures: FigureAgreement[] = [
        ...agreement.nodes.flatMap(node => FIGURES.map(({ key }) => node[key])),
        agreement.system, agreement.zoneLost, agreement.latencyMean, agreement.latencyP99
    ];
    return figures.filter(figure => figure.agrees === false).length + (agreement.zoneLost.zoneAgrees === false && agreement.zoneLost.agrees !== false ? 1 : 0);
}

/** One figure in the JSON: both numbers, the simulation's error and interval, and the verdict. Infinity (an error the run cannot tell) is null. */
export interface FigureJson {
    estimate: number | null;
    simulated: number | null;
    standardError: number | null;
    low: number | null;
    high: number | null;
    /** The error the comparison used (the standard error, or a rare event's). */
    error: number | null;
    tolerance: number;
    allowed: number | null;
    agrees: boolean | null;
    note?: string;
}

const finite = (value: number | null | undefined): number | null => (value === null || value === undefined || !Number.isFinite(value) ? null : value);

function figureJson(figure: FigureAgreement): FigureJson {
    return {
        estimate: finite(figure.estimate),
        simulated: finite(figure.simulated?.value),
        standardError: finite(figure.simulated?.standardError),
        low: finite(figure.simulated?.low),
        high: finite(figure.simulated?.high),
        error: finite(figure.error),
        tolerance: figure.tolerance,
        allowed: finite(figure.allowed),
        agrees: figure.agrees,
        ...(figure.note ? { note: figure.note } : {})
    };
}

/** The `crossCheck` object of `archscope simulate FILE --check --format json` (docs/crosscheck.md, "The CLI"). */
export function crossCheckJson(result: CrossCheckResult, agreement: Agreement) {
    return {
        seed: result.seed,
        sigmas: AGREEMENT_SIGMAS,
        requestRun: result.requestRun,
        failureRun: result.failureRun && {
            years: result.failureRun.years, unitEvents: result.failureRun.unitEvents, outageEpisodes: result.failureRun.outageEpisodes
        },
        nodes: agreement.nodes.map((node, i) => ({
            name: node.name,
            kind: node.kind,
            carries: result.nodes[i].carries,
            expectedLoadRps: finite(result.nodes[i].expectedLoadRps),
            outages: result.nodes[i].outages,
            load: figureJson(node.load),
            utilization: figureJson(node.utilization),
            latencyMean: figureJson(node.latencyMean),
            latencyP99: figureJson(node.latencyP99),
            availability: figureJson(node.availability)
        })),
        availability: {
            system: figureJson(agreement.system),
            zoneLost: {
                ...figureJson(agreement.zoneLost),
                estimateZone: agreement.zoneLost.estimateZone,
                simulatedZone: agreement.zoneLost.simulatedZone,
                zoneAgrees: agreement.zoneLost.zoneAgrees
            },
            byZone: (result.availability?.byZone ?? []).map(zone => ({ zone: zone.zone, simulated: zone.system.value, standardError: finite(zone.system.standardError) }))
        },
        latencyMs: { mean: figureJson(agreement.latencyMean), p99: figureJson(agreement.latencyP99) },
        overloaded: result.overloaded,
        disagreements: countDisagreements(agreement),
        notes: result.notes
    };
}
