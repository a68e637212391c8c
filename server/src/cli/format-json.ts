/** `check --format json`: the contract of ARCHITECTURE.md ("CLI contract"). */
import type { FileReport } from './file-report.js';

export function formatJson(reports: readonly FileReport[]): string {
    return JSON.stringify({ files: reports.map(report => ({ path: report.path, diagnostics: report.diagnostics })) }, null, 2) + '\n';
}
