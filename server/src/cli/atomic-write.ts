/**
 * Writes a file so that readers see the old contents or the new, never a
 * part: the bytes go to a temporary file in the same folder (a rename is
 * atomic only within one file system), flushed to disk, then renamed over the
 * target. Whatever fails, the temporary file is removed; on a signal the CLI
 * removes it (temp-files.ts).
 *
 * Two meanings of writing to a path that is a symbolic link, one function each:
 * - replaceFile (`export --out`): the file at the path is replaced, and a link
 *   there is replaced itself by the new file. Never written through: a link
 *   may point at a design, or anywhere the user did not name as the output.
 * - rewriteFile (`format`): an edit of the user's file in place. Through a
 *   link, the file it points to is rewritten and the link kept.
 *
 * Temporary files are named `.NAME.archscope-PID-RANDOM.tmp`: unique per
 * process and call, so two writers never share one (a shared, truncated name
 * could rename another run's half-written bytes into place). A run killed
 * with SIGKILL (or a power cut) cannot clean up; its file is swept by the
 * next write to the same target: a temporary file of NAME whose process is
 * no longer running is removed. A file of a running process (another
 * archscope writing the same target) is left alone.
 */
import { randomBytes } from 'node:crypto';
import { lstatSync, readdirSync, realpathSync, rmSync, statSync } from 'node:fs';
import { open, rename, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { trackTempFile, untrackTempFile } from './temp-files.js';

function escapeRegExp(text: string): string {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The temporary files of `name` in `folder` and the processes that made them (this version's names and the earlier `.NAME.PID.RANDOM.tmp`). */
function tempFilesOf(folder: string, name: string): { file: string; pid: number }[] {
    const pattern = new RegExp(`^\\.${escapeRegExp(name)}\\.(?:archscope-(\\d+)-|(\\d+)\\.)[0-9a-f]{8}\\.tmp$`);
    let entries: string[];
    try {
        entries = readdirSync(folder);
    } catch {
        return []; // the write itself will say what is wrong with the folder
    }
    return entries.flatMap(file => {
        const match = pattern.exec(file);
        return match ? [{ file, pid: Number(match[1] ?? match[2]) }] : [];
    });
}

function isRunning(pid: number): boolean {
    if (pid <= 0 || pid === process.pid) return pid === process.pid;
    try {
        process.kill(pid, 0); // signal 0: only asks whether the process exists
        return true;
    } catch (error) {
        return (error as NodeJS.ErrnoException).code === 'EPERM'; // it exists, owned by someone else
    }
}

/** Removes what killed runs left for this target (see the header). */
function sweepStale(folder: string, name: string): void {
    for (const { file, pid } of tempFilesOf(folder, name)) {
        if (!isRunning(pid)) rmSync(join(folder, file), { force: true });
    }
}

async function writeVia(target: string, data: string | Buffer, mode: number | undefined): Promise<void> {
    const folder = dirname(target);
    sweepStale(folder, basename(target));
    const temp = join(folder, `.${basename(target)}.archscope-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
    let handle: FileHandle | undefined;
    let created = false;
    trackTempFile(temp); // before the open: a signal may come while it is being created
    try {
        handle = await open(temp, 'wx', 0o666);
        created = true;
        // The temporary file starts with the umask's permissions; a replaced file keeps its own.
        if (mode !== undefined) await handle.chmod(mode);
        await handle.writeFile(data);
        await handle.sync();
        await handle.close();
        handle = undefined;
        await rename(temp, target);
    } catch (error) {
        if (handle !== undefined) {
            try { await handle.close(); } catch { /* already failing: the first error is the one to report */ }
        }
        if (created) rmSync(temp, { force: true });
        throw error;
    } finally {
        untrackTempFile(temp);
    }
}

function modeOf(stats: () => { mode: number; isFile(): boolean }): number | undefined {
    try {
        const s = stats();
        return s.isFile() ? s.mode & 0o7777 : undefined;
    } catch {
        return undefined; // a new file
    }
}

/** Puts a new file at `path`, replacing whatever is there; a symbolic link is replaced, not followed. */
export function replaceFile(path: string, data: string | Buffer): Promise<void> {
    return writeVia(path, data, modeOf(() => lstatSync(path)));
}

/** Rewrites the file at `path` in place; through a symbolic link, the file it points to (the link is kept). */
export function rewriteFile(path: string, data: string | Buffer): Promise<void> {
    let target = path;
    try {
        target = realpathSync(path);
    } catch { /* not there (or a dangling link): written as named */ }
    return writeVia(target, data, modeOf(() => statSync(target)));
}
