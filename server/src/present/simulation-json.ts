/**
 * The JSON of `archscope simulate --format json`, a contract (docs/estimates.md,
 * ESTIMATES.md "JSON fields"): the estimates' fields as computed, and `basis` the
 * sentences it has always carried, now made here from the structured explanations.
 */
import type { NodeEstimate, SimulationResult } from '../estimates/simulate.js';
import { explainNode, type Basis } from './explain.js';

/** A node as the JSON has it: the explanation replaced by its sentences, the fields in their documented order. */
export interface NodeEstimateJson extends Omit<NodeEstimate, 'explanation'> {
    basis: Basis;
}

export interface SimulationJson extends Omit<SimulationResult, 'nodes'> {
    nodes: NodeEstimateJson[];
}

function nodeJson(node: NodeEstimate): NodeEstimateJson {
    const { explanation, requestShare, ...estimates } = node;
    return { ...estimates, basis: explainNode(explanation, 'json'), requestShare };
}

export function simulationJson(result: SimulationResult): SimulationJson {
    return { ...result, nodes: result.nodes.map(nodeJson) };
}
