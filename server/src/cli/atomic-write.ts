/**
 * Writes a file so that readers see the old contents or the new, never a
 * part: the bytes go to a temporary file in the same folder (a rename is
 * atomic only within one file system), flushed to disk, then renamed over the
 * target. Whatever fails, the temporary file is removed.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, fsyncSync, openSync, realpathSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** The file a write to `path` must replace: a symlink's target (replacing the link itself would cut it). */
function targetOf(path: string): string {
    try {
        return realpathSync(path);
    } catch {
        return path; // a new file
    }
}

function existingMode(path: string): number | undefined {
    try {
        return statSync(path).mode & 0o7777;
    } catch {
        return undefined;
    }
}

export function writeFileAtomic(path: string, data: string | Buffer): void {
    const target = targetOf(path);
    // Hidden, and unique per process and call, so two writers never share a temporary file.
    const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    let fd: number | undefined;
    try {
        fd = openSync(temp, 'wx', 0o666);
        // A replaced file keeps its permissions (the temporary file starts with the umask's).
        const existing = existingMode(target);
        if (existing !== undefined) fchmodSync(fd, existing);
        const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
        for (let written = 0; written < bytes.length;) written += writeSync(fd, bytes, written, bytes.length - written);
        fsyncSync(fd);
        closeSync(fd);
        fd = undefined;
        renameSync(temp, target);
    } catch (error) {
        if (fd !== undefined) {
            try { closeSync(fd); } catch { /* already failing: the first error is the one to report */ }
        }
        rmSync(temp, { force: true });
        throw error;
    }
}
