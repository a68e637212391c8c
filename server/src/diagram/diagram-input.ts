/**
 * What every diagram output is made from: the system's Topology, the findings
 * shown for it (rule findings and syntax/link errors, severities as configured)
 * and its estimates. The server and the CLI build it the same way.
 */
import type { SimulationResult } from '../estimates/simulate.js';
import type { SourceRange, Topology } from '../model/topology.js';
import type { Severity } from './scene.js';

export interface DiagramFinding {
    /** The rule ID, or `syntax` / `link`. */
    ruleId: string;
    severity: Severity;
    message: string;
    /** The node it is about, when it is about one. */
    node?: string | null;
    range: SourceRange;
}

export interface DiagramInput {
    topology: Topology;
    findings: DiagramFinding[];
    estimates: SimulationResult;
}
