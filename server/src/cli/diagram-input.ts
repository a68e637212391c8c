/**
 * The diagram input of a file the CLI loaded: its first system's Topology and
 * estimates, and every diagnostic of the file (rule findings with the
 * severities of `.archscope.json`, syntax and link errors) as findings, as
 * the editor shows them.
 */
import type { DiagramInput } from '../diagram/diagram-input.js';
import { simulate } from '../estimates/simulate.js';
import { buildTopology } from '../model/build-topology.js';
import { reportFile, type ReportedDiagnostic } from './file-report.js';
import type { LoadedFile } from './load-workspace.js';
import { UsageError } from './usage-error.js';

export interface CliDiagramInput {
    input: DiagramInput;
    /** The syntax and link errors: the diagram shows only what parsed and resolved. */
    brokenBy: ReportedDiagnostic[];
}

export function diagramInputOf(file: LoadedFile): CliDiagramInput {
    const system = file.document.parseResult.value.systems[0];
    if (!system) throw new UsageError(`${file.path} holds no system to draw`);
    const diagnostics = reportFile(file).diagnostics;
    const topology = buildTopology(system, file.document.textDocument.getText());
    return {
        input: {
            topology,
            findings: diagnostics.map(d => ({ ruleId: d.code, severity: d.severity, message: d.message, node: d.node, range: d.range })),
            estimates: simulate(topology)
        },
        brokenBy: diagnostics.filter(d => d.severity === 'error' && (d.code === 'syntax' || d.code === 'link'))
    };
}
