/**
 * `archscope simulate FILE [--format text|json] [--scenario NAME] [--check [--seed N]]`: the estimates of
 * ESTIMATES.md for the base case and each scenario side by side, and the targets met or missed (with
 * `--scenario`, that scenario's node table and only it beside the base case); with `--check`, the
 * cross-check's simulation of the base case beside its estimates (docs/crosscheck.md).
 */
import { formatCount } from '../present/numbers.js';
import { buildTopology } from '../language/topology/build-topology.js';
import { simulate } from '../estimates/simulate.js';
import { simulateScenarios, type ScenarioEstimate } from '../estimates/scenarios.js';
import { checkAllTargets, declaresTargets } from '../estimates/targets.js';
import type { CommandResult } from './check-command.js';
import { reportFile } from './file-report.js';
import { simulationJson } from '../present/simulation-json.js';
import { formatCasesText, formatSimulationText } from './format-simulation.js';
import { cliServices, collectArchFiles, loadFiles } from './load-workspace.js';
import { UsageError } from './usage-error.js';
import { agreement } from '../crosscheck/agreement.js';
import { crossCheck } from '../crosscheck/cross-check.js';
import { crossCheckJson, formatCrossCheckText } from './format-cross-check.js';

export const SIMULATE_FORMATS = ['text', 'json'] as const;
export type SimulateFormat = (typeof SIMULATE_FORMATS)[number];

export interface SimulateOptions {
    paths: string[];
    format: SimulateFormat;
    docsFrom: string;
    /** Run the cross-check and print it beside the estimates. */
    check?: boolean;
    /** The cross-check's seed (default 1). */
    seed?: number;
    /** Only this scenario beside the base case; its node table instead of the base case's. */
    scenario?: string;
}

export async function runSimulate(options: SimulateOptions): Promise<CommandResult> {
    if (options.paths.length !== 1) throw new UsageError('simulate takes one FILE');
    const files = collectArchFiles(options.paths);
    if (files.length !== 1) throw new UsageError(`simulate takes one .arch file; ${options.paths[0]} holds ${files.length}`);
    const [file] = await loadFiles(files, options.docsFrom);
    const errors = reportFile(file).diagnostics.filter(d => d.severity === 'error' && (d.code === 'syntax' || d.code === 'link'));
    const system = file.document.parseResult.value.systems[0];
    if (!system) throw new UsageError(`${file.path} holds no system`);
    // The estimates the validator's rules already used (the same Topology, computed once), unless the
    // system has no name, which the analysis skips: then they are computed here.
    const analyzed = cliServices(options.docsFrom).Arch.analysis.analyze(file.document.parseResult.value).find(a => a.system === system);
    const topology = analyzed ? analyzed.context.topology : buildTopology(system, file.document.textDocument.getText());
    const estimates = analyzed ? analyzed.context.estimates() : simulate(topology);
    const allScenarios: ScenarioEstimate[] = analyzed ? analyzed.context.scenarios() : simulateScenarios(topology);
    if (options.scenario !== undefined && !topology.scenarios.some(s => s.name === options.scenario)) {
        const names = topology.scenarios.map(s => s.name);
        throw new UsageError(`${file.path} has no scenario ${options.scenario}${names.length > 0 ? `; its scenarios: ${names.join(', ')}` : '; it declares none'}`);
    }
    const scenarios = options.scenario === undefined ? allScenarios : allScenarios.filter(s => s.scenario.name === options.scenario);
    const targets = declaresTargets(topology)
        ? (analyzed ? analyzed.context.targets() : checkAllTargets(topology, estimates, allScenarios))
            .filter(t => options.scenario === undefined || t.scenario === null || t.scenario === options.scenario)
        : [];
    const notesBefore: string[] = [];
    if (errors.length > 0) {
        const first = errors[0];
        notesBefore.push(`${file.path} has ${formatCount(errors.length)} syntax/link error(s) (first: line ${first.range.start.line + 1}: ${first.message}); the estimates cover what parsed`);
    }
    // The JSON of ESTIMATES.md, version 2: the base case's fields, each target per case, each scenario in the base case's shape.
    const json = () => ({
        ...simulationJson(estimates, notesBefore),
        targets: targets.map(({ target, scenario, value, limit, met }) => ({ target, scenario, value, limit, met })),
        scenarios: scenarios.map(s => ({ name: s.scenario.name, peakFactor: s.peakFactor, ...simulationJson(s.estimates) }))
    });
    if (options.check && options.scenario !== undefined) throw new UsageError('--check cross-checks the base case; it does not go with --scenario');
    if (options.check) {
        const simulated = crossCheck(topology, { seed: options.seed ?? 1 });
        const compared = agreement(topology, estimates, simulated);
        const stdout = options.format === 'json'
            ? JSON.stringify({ ...json(), crossCheck: crossCheckJson(simulated, compared) }, null, 2) + '\n'
            : formatCrossCheckText(simulated, compared, notesBefore);
        return { stdout, stderr: '', exitCode: 0 };
    }
    const shown = options.scenario === undefined ? estimates : scenarios[0].estimates;
    const stdout = options.format === 'json'
        ? JSON.stringify(json(), null, 2) + '\n'
        : formatSimulationText(shown, notesBefore, options.scenario) + formatCasesText(topology, estimates, scenarios, targets);
    return { stdout, stderr: '', exitCode: 0 };
}
