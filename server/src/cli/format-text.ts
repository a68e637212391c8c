/** `path:line:col: severity code: message`, one line per finding, 1-based like compilers. */
import type { FileReport } from './file-report.js';

export function formatText(reports: readonly FileReport[]): string {
    const lines: string[] = [];
    for (const report of reports) {
        for (const d of report.diagnostics) {
            const message = d.message.replace(/\s*\n\s*/g, ' ');
            lines.push(`${report.path}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity} ${d.code}: ${message}`);
        }
    }
    return lines.length > 0 ? lines.join('\n') + '\n' : '';
}
