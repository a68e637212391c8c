/** The findings of one file in the shape every output format starts from (LSP positions, 0-based). */
import type { Diagnostic } from 'vscode-languageserver-types';
import { diagnosticToFinding } from '../language/topology/diagram-input-of.js';
import type { SourceRange } from '../model/topology.js';
import type { FindingData } from '../language/validation/finding-diagnostics.js';
import type { LoadedFile } from './load-workspace.js';

export type ReportSeverity = 'error' | 'warning' | 'info';

export interface ReportedDiagnostic {
    code: string;
    severity: ReportSeverity;
    message: string;
    node: string | null;
    range: SourceRange;
}

export interface FileReport {
    path: string;
    diagnostics: ReportedDiagnostic[];
}

/** The same reading of a diagnostic as the diagram's, under the JSON contract's field names. */
function toReported(diagnostic: Diagnostic): ReportedDiagnostic {
    const { ruleId, severity, message, node, range } = diagnosticToFinding(diagnostic);
    // A finding about a table or a field names it: `db.users.id` (issue 12), not the database alone.
    const path = (diagnostic.data as Partial<FindingData> | undefined)?.path;
    return { code: ruleId, severity, message, node: typeof path === 'string' ? path : node ?? null, range };
}

export function reportFile(file: LoadedFile): FileReport {
    const diagnostics = (file.document.diagnostics ?? []).map(toReported).sort((a, b) =>
        a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.code.localeCompare(b.code));
    return { path: file.path, diagnostics };
}

export function countBySeverity(reports: readonly FileReport[]): Record<ReportSeverity, number> {
    const counts: Record<ReportSeverity, number> = { error: 0, warning: 0, info: 0 };
    for (const report of reports) for (const d of report.diagnostics) counts[d.severity]++;
    return counts;
}
