/**
 * `archscope format FILE|DIR... [--check]`: rewrites each file in the house
 * style (docs/editor.md, "Formatting"), in place and atomically (through a
 * symbolic link, the file it points to; the link is kept), and lists the
 * files it changed on stderr. With `--check` nothing is written: the files
 * that would change are listed and the exit code is 1 if there is one.
 * A file that does not parse is never formatted: its first syntax error is
 * said with its position and the exit code is 2 (the other files are still
 * formatted), as for an unreadable file or bad usage.
 */
import { resolve } from 'node:path';
import { URI } from 'langium';
import type { Model } from '../language/generated/ast.js';
import { formatDocumentText } from '../lsp/format-text.js';
import { rewriteFile } from './atomic-write.js';
import { errnoReason } from '../files/errno-reason.js';
import type { CommandResult } from './check-command.js';
import { cliServices, collectArchFiles } from './load-workspace.js';
import { readArchFile } from './read-input.js';
import { UsageError } from './usage-error.js';

export interface FormatOptions {
    paths: string[];
    check: boolean;
    docsFrom: string;
}

export async function runFormat(options: FormatOptions): Promise<CommandResult> {
    if (options.paths.length === 0) throw new UsageError('format needs at least one FILE or DIR');
    const files = collectArchFiles(options.paths);
    if (files.length === 0) throw new UsageError(`no .arch files in ${options.paths.join(', ')}`);
    const { shared, Arch } = cliServices(options.docsFrom);
    const lines: string[] = [];
    let changed = 0;
    let failed = 0;
    for (const path of files) {
        let text: string;
        try {
            text = readArchFile(path);
        } catch (error) {
            if (!(error instanceof UsageError)) throw error;
            lines.push(error.message); // it names the file
            failed++;
            continue;
        }
        // Parsed on its own: formatting needs no other file (no linking, no validation).
        const document = shared.workspace.LangiumDocumentFactory.fromString<Model>(text, URI.file(resolve(path)));
        const result = await formatDocumentText(Arch, document);
        if (!result.ok) {
            lines.push(`${path}:${result.line + 1}:${result.character + 1}: syntax error, not formatted: ${result.message}`);
            failed++;
            continue;
        }
        if (result.text === text) continue;
        changed++;
        if (options.check) {
            lines.push(`${path}: would be reformatted`);
            continue;
        }
        try {
            // In place: through a symbolic link the file it points to is rewritten, the link kept.
            await rewriteFile(path, result.text);
            lines.push(`${path}: formatted`);
        } catch (error) {
            lines.push(`${path}: cannot write: ${errnoReason(error)}`);
            failed++;
        }
    }
    const plural = (n: number): string => `${n} file${n === 1 ? '' : 's'}`;
    const summary = options.check
        ? `${plural(changed)} of ${files.length} would be reformatted`
        : `${plural(changed)} of ${files.length} reformatted`;
    lines.push(failed > 0 ? `${summary}; ${plural(failed)} not formatted` : summary);
    return { stdout: '', stderr: lines.join('\n') + '\n', exitCode: failed > 0 ? 2 : options.check && changed > 0 ? 1 : 0 };
}
