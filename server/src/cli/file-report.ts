/** The findings of one file in the shape every output format starts from (LSP positions, 0-based). */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { FindingData } from '../language/finding-diagnostics.js';
import type { SourceRange } from '../model/topology.js';
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

const SEVERITY: Record<number, ReportSeverity> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'info' };

function toReported(diagnostic: Diagnostic): ReportedDiagnostic {
    const data = diagnostic.data as Partial<FindingData> | undefined;
    return {
        code: String(diagnostic.code ?? 'syntax'),
        severity: SEVERITY[diagnostic.severity ?? 1],
        message: diagnostic.message,
        node: typeof data?.node === 'string' ? data.node : null,
        range: diagnostic.range
    };
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
