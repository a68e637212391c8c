/**
 * Every estimate for each `scenario` of a system (ESTIMATES.md, "Scenarios and targets"): the same
 * estimates as the base case, on the system as it stands during the scenario (scenario-conditions.ts).
 */
import { buildGraph } from '../model/graph.js';
import type { Scenario, Topology } from '../model/topology.js';
import { scenarioSystem } from './scenario-conditions.js';
import { simulate, type SimulationResult } from './simulate.js';

export interface ScenarioEstimate {
    scenario: Scenario;
    /** What every client's peak was multiplied by. */
    peakFactor: number;
    estimates: SimulationResult;
}

/** The estimates of one scenario; `loadAndLatencyOnly` leaves out the system's availability (the panel's peak grid). */
export function simulateScenario(topology: Topology, scenario: Scenario, loadAndLatencyOnly = false): ScenarioEstimate {
    const system = scenarioSystem(topology, scenario);
    const conditions = loadAndLatencyOnly ? { ...system.conditions, withoutSystemAvailability: true } : system.conditions;
    return { scenario, peakFactor: system.peakFactor, estimates: simulate(system.topology, buildGraph(system.topology), conditions) };
}

/** The estimates of every scenario, in declaration order. */
export function simulateScenarios(topology: Topology): ScenarioEstimate[] {
    return topology.scenarios.map(scenario => simulateScenario(topology, scenario));
}
