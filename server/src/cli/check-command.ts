/** `archscope check FILE|DIR... [--format text|json|sarif]` */
import { countBySeverity, reportFile } from './file-report.js';
import { formatJson } from './format-json.js';
import { formatSarif } from './format-sarif.js';
import { formatText } from './format-text.js';
import { cliServices, collectArchFiles, loadFiles } from './load-workspace.js';
import { UsageError } from './usage-error.js';

export const CHECK_FORMATS = ['text', 'json', 'sarif'] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];

export interface CheckOptions {
    paths: string[];
    format: CheckFormat;
    docsFrom: string;
    version: string;
}

export interface CommandResult {
    stdout: string;
    stderr: string;
    exitCode: number;
}

/** Exit 0 when no finding is an error, 1 when one is; bad usage throws UsageError (exit 2). */
export async function runCheck(options: CheckOptions): Promise<CommandResult> {
    if (options.paths.length === 0) throw new UsageError('check needs at least one FILE or DIR');
    const files = collectArchFiles(options.paths);
    if (files.length === 0) throw new UsageError(`no .arch files in ${options.paths.join(', ')}`);
    const loaded = await loadFiles(files, options.docsFrom);
    const reports = loaded.map(reportFile);
    const counts = countBySeverity(reports);
    const docs = cliServices(options.docsFrom).Arch.docs;

    const stdout = options.format === 'json' ? formatJson(reports)
        : options.format === 'sarif' ? formatSarif(reports, { version: options.version, docsDir: docs.dir, docsBase: process.env.ARCHSCOPE_DOCS_BASE })
            : formatText(reports);
    const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
    const summary = `${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.info} info in ${plural(files.length, 'file')}`;
    return { stdout, stderr: options.format === 'text' ? summary + '\n' : '', exitCode: counts.error > 0 ? 1 : 0 };
}
