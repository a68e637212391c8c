/** The estimates of a model as the tests read them: parsed by the real parser, then `simulate`. */
import { simulate, type NodeEstimate, type SimulationResult } from '../../server/src/estimates/simulate.js';
import { topologyOf } from '../helpers.js';

export async function sim(text: string): Promise<SimulationResult> {
    return simulate(await topologyOf(text));
}

/** One node's estimate; a missing node fails the test with its name. */
export function node(result: SimulationResult, name: string): NodeEstimate {
    const found = result.nodes.find(n => n.name === name);
    if (!found) throw new Error(`no estimate for node ${name}`);
    return found;
}
