/**
 * The estimates against the cross-check (ESTIMATES.md, "Cross-check"): `simulate(topology)` and
 * `crossCheck(topology, { seed })` on every system of examples/*.arch, on a generated model of 40
 * nodes (test/generate-model.ts), on small seeded models (small-models.ts) and on the version-2
 * models (version2-models.ts: clients, edges of one class, fan-out, cache policies, managed and
 * external services), figure by figure:
 * each node's load, utilization, mean and p99 latency and availability, the system's availability,
 * the zone-lost figure and its zone, the end-to-end mean and p99. Each must agree within the
 * simulation's own error (agreement.ts: 4 standard errors, a rare event's error for availabilities,
 * plus the stated tolerance of a known approximation), except the comparisons a known estimate bug
 * holds back (known-estimate-bugs.ts, each named after its item in docs/crosscheck.md).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, test } from 'vitest';
import { agreement, type FigureAgreement } from '../../server/src/crosscheck/agreement.js';
import { crossCheck } from '../../server/src/crosscheck/cross-check.js';
import { simulate } from '../../server/src/estimates/simulate.js';
import { buildTopology } from '../../server/src/language/topology/build-topology.js';
import type { Topology } from '../../server/src/model/topology.js';
import { generateModel } from '../generate-model.js';
import { check } from '../helpers.js';
import { knownEstimateBugs } from './known-estimate-bugs.js';
import { generateSmallModel } from './small-models.js';
import { VERSION2_MODELS } from './version2-models.js';

/**
 * Enough for errors of a few percent on the busy figures, the whole file in about 20 s on two cores:
 * 150,000 failures and repairs; requests for 30 simulated seconds (batches of 1.5 s, long against
 * the relaxation of the small models' queues, docs/crosscheck.md), between 20,000 and 80,000.
 */
const RUN = { seed: 1, unitEvents: 150_000 };
const requestsFor = (topology: Topology): number => Math.round(Math.min(80_000, Math.max(20_000, (topology.traffic?.peakRps ?? 0) * 30)));
const SMALL_SEEDS = Array.from({ length: 24 }, (_, i) => i + 1);

const EXAMPLES = new URL('../../examples/', import.meta.url);

async function systemsOf(text: string): Promise<Topology[]> {
    const { document } = await check(text);
    return document.parseResult.value.systems.map(system => buildTopology(system, text));
}

type Kind = 'load' | 'utilization' | 'latencyMean' | 'latencyP99' | 'availability' | 'system' | 'zoneLost' | 'e2eMean' | 'e2eP99';
interface Tally { compared: number; agreed: number; notCompared: number; heldBack: Map<string, number>; worst: number; rows: string[] }
const tallies = new Map<Kind, Tally>();
const SYSTEM_KINDS = new Set<Kind>(['system', 'zoneLost', 'e2eMean', 'e2eP99']);
const failures: string[] = [];

function tally(kind: Kind): Tally {
    let entry = tallies.get(kind);
    if (!entry) tallies.set(kind, (entry = { compared: 0, agreed: 0, notCompared: 0, heldBack: new Map(), worst: 0, rows: [] }));
    return entry;
}

/** Holds one figure: agrees, or is not comparable, or a known bug holds it back. */
function hold(model: string, kind: Kind, label: string, figure: FigureAgreement, heldBack: string | undefined, problems: string[]): void {
    const entry = tally(kind);
    if (figure.agrees === null) {
        entry.notCompared++;
        return;
    }
    if (heldBack) {
        entry.heldBack.set(heldBack, (entry.heldBack.get(heldBack) ?? 0) + 1);
        return;
    }
    entry.compared++;
    const distance = Math.abs(figure.estimate! - figure.simulated!.value);
    // How much of what is allowed the difference uses (1 = at the limit).
    if (figure.allowed! > 0) entry.worst = Math.max(entry.worst, distance / figure.allowed!);
    if (SYSTEM_KINDS.has(kind)) entry.rows.push(`${model}: estimate ${figure.estimate!.toPrecision(8)}, simulated ${figure.simulated!.value.toPrecision(8)} ± ${figure.error!.toPrecision(2)}`);
    if (figure.agrees) entry.agreed++;
    else problems.push(`${model}: ${label}: estimate ${figure.estimate}, simulated ${figure.simulated!.value} ± ${figure.error} (allowed ${figure.allowed}${figure.note ? `; ${figure.note}` : ''})`);
}

async function checkAgreement(name: string, topology: Topology): Promise<void> {
    const estimates = simulate(topology);
    const simulated = crossCheck(topology, { ...RUN, requests: requestsFor(topology) });
    const result = agreement(topology, estimates, simulated);
    const excused = knownEstimateBugs(topology, estimates, simulated);
    const problems: string[] = [];
    for (const node of result.nodes) {
        for (const kind of ['load', 'utilization', 'latencyMean', 'latencyP99', 'availability'] as const) {
            hold(name, kind, `${node.name} ${kind}`, node[kind], excused.why(`${node.name}:${kind}`), problems);
        }
    }
    hold(name, 'system', 'system availability', result.system, excused.why('system'), problems);
    hold(name, 'zoneLost', `zone-lost figure (${result.zoneLost.estimateZone})`, result.zoneLost, excused.why('zoneLost'), problems);
    if (result.zoneLost.zoneAgrees === false && !excused.why('zoneLost')) {
        problems.push(`${name}: worst zone: estimate ${result.zoneLost.estimateZone}, simulation ${result.zoneLost.simulatedZone}`);
    }
    hold(name, 'e2eMean', 'end-to-end mean', result.latencyMean, excused.why('latencyMean'), problems);
    hold(name, 'e2eP99', 'end-to-end p99', result.latencyP99, excused.why('latencyP99'), problems);
    failures.push(...problems);
    expect(problems, problems.join('\n')).toEqual([]);
}

describe('the estimates agree with the cross-check', () => {
    const files = readdirSync(EXAMPLES).filter(file => file.endsWith('.arch')).sort();

    test('there are examples to check', () => {
        expect(files.length).toBeGreaterThan(0);
    });

    test.each(files)('examples/%s, every system', async file => {
        const systems = await systemsOf(readFileSync(new URL(file, EXAMPLES), 'utf8'));
        expect(systems.length).toBeGreaterThan(0);
        for (const topology of systems) await checkAgreement(`${file} ${topology.name}`, topology);
    });

    test('a generated model of 40 nodes', async () => {
        const [topology] = await systemsOf(generateModel(40).text);
        await checkAgreement('generated 40', topology);
    });

    test.each(SMALL_SEEDS)('small model, seed %i', async seed => {
        const model = generateSmallModel(seed);
        const [topology] = await systemsOf(model.text);
        await checkAgreement(`small ${seed} (${model.nodes} nodes)`, topology);
    });

    test.each(VERSION2_MODELS.map(model => [model.name, model] as const))('version 2: %s', async (_, model) => {
        const [topology] = await systemsOf(model.text);
        await checkAgreement(`v2 ${model.name}`, topology);
    });
});

afterAll(() => {
    const rows = [...tallies].map(([kind, t]) => {
        const held = [...t.heldBack].map(([bug, count]) => `${bug}×${count}`).join(' ') || '-';
        return `${kind.padEnd(12)} compared ${String(t.compared).padStart(4)}  agreed ${String(t.agreed).padStart(4)}  worst ${t.worst.toFixed(2)} of allowed  not comparable ${String(t.notCompared).padStart(4)}  held back ${held}`;
    });
    const compared = [...tallies].filter(([kind]) => SYSTEM_KINDS.has(kind)).map(([kind, t]) => `${kind}:\n${t.rows.map(row => `  ${row}`).join('\n')}`);
    console.log(`agreement of the estimates with the cross-check:\n${rows.join('\n')}\n${compared.join('\n')}${failures.length > 0 ? `\n${failures.length} disagreements` : ''}`);
});
