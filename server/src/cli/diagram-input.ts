/**
 * The diagram input of a file the CLI loaded: its first system's Topology and
 * estimates, and every diagnostic of the file (rule findings with the
 * severities of `.archscope.json`, syntax and link errors) as findings, as
 * the editor shows them.
 */
import type { DiagramInput } from '../diagram/diagram-input.js';
import type { DocumentAnalysis } from '../language/validation/document-analysis.js';
import { reportFile, type ReportedDiagnostic } from './file-report.js';
import type { LoadedFile } from './load-workspace.js';
import { UsageError } from './usage-error.js';

export interface CliDiagramInput {
    input: DiagramInput;
    /** The syntax and link errors: the diagram shows only what parsed and resolved. */
    brokenBy: ReportedDiagnostic[];
}

/**
 * The Topology and the estimates come from the analysis the validator already made of this parse
 * (and its rules already used): neither is built a second time.
 */
export function diagramInputOf(file: LoadedFile, analysis: DocumentAnalysis): CliDiagramInput {
    const first = analysis.analyze(file.document.parseResult.value)[0];
    if (!first) throw new UsageError(`${file.path} holds no system to draw`);
    const diagnostics = reportFile(file).diagnostics;
    return {
        input: {
            topology: first.topology,
            findings: diagnostics.map(d => ({ ruleId: d.code, severity: d.severity, message: d.message, node: d.node, range: d.range })),
            estimates: first.context.estimates()
        },
        brokenBy: diagnostics.filter(d => d.severity === 'error' && (d.code === 'syntax' || d.code === 'link'))
    };
}
