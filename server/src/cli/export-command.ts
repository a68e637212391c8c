/**
 * `archscope export FILE --format svg|png|mermaid|markdown [--out PATH] [--theme light|dark] [--layout-timeout SECONDS]`
 *
 * The diagram of FILE's system as a file. Without `--out`, the text goes to
 * stdout; PNG too, but only when stdout is not a terminal (bytes of an image
 * are useless on a screen). With `--out`, the file is written atomically and
 * an existing file is replaced: naming it is asking for it. A symbolic link
 * at `--out` is replaced itself, never written through, and an `--out` that
 * is an input under any name (a link, a hard link) is refused. The export is
 * not a check: exit 0 even when the design has findings.
 */
import { realpathSync, statSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { exportDiagram } from '../diagram/export.js';
import { layoutSceneOnDemand } from '../diagram/layout-on-demand.js';
import { EXPORT_FORMATS, type ExportFormat, type ExportTheme } from '../diagram/export-formats.js';
import { errnoReason } from '../files/errno-reason.js';
import { LAYOUT_LIMIT_MS } from '../diagram/layout-function.js';
import { LayoutThread, LayoutTimeoutError } from '../diagram/layout-thread.js';
import { findProjectConfig } from '../language/workspace/rule-settings-node.js';
import { rasterizePng } from '../diagram/rasterize-png.js';
import { replaceFile } from './atomic-write.js';
import { diagramInputOf } from './diagram-input.js';
import { cliServices, collectArchFiles, loadFiles } from './load-workspace.js';
import { UsageError } from './usage-error.js';

export const EXPORT_THEMES: readonly ExportTheme[] = ['light', 'dark'];

/** What `--out`'s extension says when `--format` is not given. */
const FORMAT_OF_EXTENSION: Record<string, ExportFormat> = {
    '.svg': 'svg', '.png': 'png', '.mmd': 'mermaid', '.mermaid': 'mermaid', '.md': 'markdown', '.markdown': 'markdown'
};

export interface ExportCommandOptions {
    paths: string[];
    format?: string;
    out?: string;
    theme?: string;
    docsFrom: string;
    /** Whether stdout is a terminal (then PNG bytes are refused there). */
    stdoutIsTerminal: boolean;
    /** `ARCHSCOPE_DOCS_BASE`: the public URL of `docs/rules/`, for the Markdown's rule links. */
    docsBase?: string;
    /** `--layout-timeout`: seconds, as given. */
    layoutTimeout?: string;
    /** The folder of the running bundle, where out/layout-worker.cjs is; undefined when run from sources. */
    bundleFolder?: string;
}

export interface ExportCommandResult {
    stdout: string | Buffer;
    stderr: string;
    exitCode: number;
}

function chooseFormat(format: string | undefined, out: string | undefined): ExportFormat {
    if (format !== undefined) {
        if ((EXPORT_FORMATS as readonly string[]).includes(format)) return format as ExportFormat;
        throw new UsageError(`unknown format ${format}: use ${EXPORT_FORMATS.join(', ')}`);
    }
    const inferred = out ? FORMAT_OF_EXTENSION[extname(out).toLowerCase()] : undefined;
    if (inferred) return inferred;
    throw new UsageError(`export needs --format ${EXPORT_FORMATS.join('|')}`);
}

function chooseTheme(theme: string | undefined): ExportTheme | undefined {
    if (theme === undefined || (EXPORT_THEMES as readonly string[]).includes(theme)) return theme as ExportTheme | undefined;
    throw new UsageError(`unknown theme ${theme}: use ${EXPORT_THEMES.join(', ')}`);
}

/** setTimeout's largest delay (2^31 - 1 ms, about 24 days): a longer one would fire at once. */
const MAX_LAYOUT_SECONDS = Math.floor((2 ** 31 - 1) / 1000);

function chooseLayoutLimit(seconds: string | undefined): number {
    if (seconds === undefined) return LAYOUT_LIMIT_MS;
    const value = Number(seconds);
    if (seconds.trim() === '' || !Number.isFinite(value) || value <= 0 || value > MAX_LAYOUT_SECONDS) {
        throw new UsageError(`--layout-timeout takes a number of seconds above 0 and up to ${MAX_LAYOUT_SECONDS}, not ${seconds || 'nothing'}`);
    }
    return Math.max(1, Math.round(value * 1000));
}

/** Whether two paths name one file: the same real path (links resolved), or the same device and inode (hard links). */
function sameFile(a: string, b: string): boolean {
    try {
        if (realpathSync(a) === realpathSync(b)) return true;
    } catch { /* one does not exist: then they are not one file */ }
    try {
        const [x, y] = [statSync(a), statSync(b)];
        return x.dev === y.dev && x.ino === y.ino;
    } catch {
        return false;
    }
}

/**
 * Refuses an `--out` that would destroy an input or cannot be a file, before any work is done. The inputs
 * are the design and the `.archscope.json` it is checked with; each under any name: the same path, a
 * symbolic link to it (anywhere in the path), a hard link.
 */
function checkOut(out: string, input: string): void {
    if (out === '') throw new UsageError('--out needs a file name');
    if (resolve(out) === resolve(input)) throw new UsageError(`--out ${out} is the input file; name another file`);
    if (sameFile(out, input)) throw new UsageError(`--out ${out} is the input file ${input} under another name; name another file`);
    const config = findProjectConfig(dirname(resolve(input)));
    if (config !== undefined && (resolve(out) === config || sameFile(out, config))) {
        throw new UsageError(`--out ${out} is ${config}, the settings the export reads; name another file`);
    }
    let isFolder = false;
    try {
        isFolder = statSync(out).isDirectory();
    } catch {
        return; // a new file (or a dangling link, which is replaced): whether its folder exists is the write's to say
    }
    if (isFolder) throw new UsageError(`--out ${out} is a folder; name the file to write`);
}

function folderExists(path: string): boolean {
    try {
        return statSync(dirname(resolve(path))).isDirectory();
    } catch {
        return false;
    }
}

/** The write's failure in words; `syscall` says which step failed: creating the temporary file beside `out`, or the rename over it. */
function writeFailure(out: string, error: unknown): UsageError {
    const { code, syscall } = error as NodeJS.ErrnoException;
    const folder = dirname(out) || '.';
    let why: string;
    if (syscall === 'open' && code === 'ENOENT') {
        // A folder that exists and still says ENOENT refuses new files (/proc, /sys).
        why = folderExists(out) ? `no new file can be made in ${folder}` : 'its folder does not exist';
    } else if (syscall === 'open' && (code === 'EACCES' || code === 'EPERM')) {
        why = `permission denied in ${folder}`;
    } else if (syscall === 'open' && code === 'EROFS') {
        why = `${folder} is on a read-only file system`;
    } else if (syscall === 'rename' && (code === 'EISDIR' || code === 'ENOTEMPTY' || code === 'EEXIST')) {
        why = 'it is a folder';
    } else {
        why = errnoReason(error);
    }
    return new UsageError(`cannot write ${out}: ${why}`);
}

export async function runExport(options: ExportCommandOptions): Promise<ExportCommandResult> {
    if (options.paths.length !== 1) throw new UsageError('export takes one FILE');
    const format = chooseFormat(options.format, options.out);
    const theme = chooseTheme(options.theme);
    const layoutLimitMs = chooseLayoutLimit(options.layoutTimeout);
    if (options.out !== undefined) checkOut(options.out, options.paths[0]);
    else if (format === 'png' && options.stdoutIsTerminal) {
        throw new UsageError('png is binary: give --out FILE.png, or redirect stdout to a file');
    }

    const files = collectArchFiles(options.paths);
    if (files.length !== 1) throw new UsageError(`export takes one .arch file; ${options.paths[0]} holds ${files.length}`);
    const [file] = await loadFiles(files, options.docsFrom);
    const { input, brokenBy } = diagramInputOf(file, cliServices(options.docsFrom).Arch.analysis);

    const base = options.docsBase && !options.docsBase.endsWith('/') ? `${options.docsBase}/` : options.docsBase;
    // In the bundle the layout runs in the server's worker, under a time limit; run from sources, in this thread, unlimited.
    const thread = options.bundleFolder !== undefined ? LayoutThread.beside(options.bundleFolder, layoutLimitMs) : undefined;
    let result;
    try {
        result = await exportDiagram(input, format, { theme, rulesBase: base || undefined, layout: thread?.layout ?? layoutSceneOnDemand, rasterize: rasterizePng });
    } catch (error) {
        if (!(error instanceof LayoutTimeoutError)) throw error;
        throw new UsageError(`the layout of ${file.path} took longer than ${error.limitMs / 1000} s; raise it with --layout-timeout SECONDS`);
    } finally {
        thread?.dispose();
    }
    const bytes = result.encoding === 'base64' ? Buffer.from(result.content, 'base64') : result.content;

    let stderr = '';
    if (brokenBy.length > 0) {
        const first = brokenBy[0];
        stderr = `archscope: ${file.path} has ${brokenBy.length} syntax/link error(s) (first: line ${first.range.start.line + 1}: ${first.message.replace(/\s+/g, ' ')}); the export shows what parsed\n`;
    }
    if (options.out === undefined) return { stdout: bytes, stderr, exitCode: 0 };
    try {
        await replaceFile(options.out, bytes);
    } catch (error) {
        throw writeFailure(options.out, error);
    }
    return { stdout: '', stderr, exitCode: 0 };
}
