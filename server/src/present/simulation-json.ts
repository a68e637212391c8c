/**
 * The JSON of `archscope simulate --format json`, a contract (docs/estimates.md,
 * ESTIMATES.md "JSON fields"): the estimates' fields as computed, and `basis` the
 * sentences it has always carried, now made here from the structured explanations.
 */
import { assumptionsInWords } from './assumptions.js';
import type { NodeEstimate, SimulationResult } from '../estimates/simulate.js';
import { explainNode, type Basis } from './explain.js';

/** A node as the JSON has it: the explanation replaced by its sentences, the fields in their documented order. */
export interface NodeEstimateJson extends Omit<NodeEstimate, 'explanation'> {
    basis: Basis;
}

/** Defaults and notes are sentences in the JSON, as they have always been (the contract's `defaults` and `notes`). */
export interface SimulationJson extends Omit<SimulationResult, 'nodes' | 'defaults' | 'notes'> {
    defaults: string[];
    notes: string[];
    nodes: NodeEstimateJson[];
}

function nodeJson(node: NodeEstimate): NodeEstimateJson {
    const { explanation, requestShare, ...estimates } = node;
    return { ...estimates, basis: explainNode(explanation, 'json'), requestShare };
}

/** `notesBefore`: notes of the caller's own (the CLI's parse errors), listed first. */
export function simulationJson(result: SimulationResult, notesBefore: readonly string[] = []): SimulationJson {
    const { defaults, notes } = assumptionsInWords(result);
    return { ...result, defaults, notes: [...notesBefore, ...notes], nodes: result.nodes.map(nodeJson) };
}
