/**
 * Reading a `.arch` file the user named, safely: only a regular file (a FIFO,
 * `/dev/zero` or a terminal would block or never end), only a `.arch` file
 * (the language services have no parser for another extension and would throw
 * deep inside Langium), and at most MAX_INPUT_BYTES (a design is kilobytes;
 * a 5,000-node model is about 1 MB; anything near the cap is a mistake that
 * would otherwise take the memory and minutes of a parse).
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { errnoReason } from '../files/errno-reason.js';
import { UsageError } from './usage-error.js';

/** The largest file the CLI reads (documented in the README's CLI section). */
export const MAX_INPUT_BYTES = 50 * 1024 * 1024;

function megabytes(bytes: number): string {
    const mb = bytes / (1024 * 1024);
    // Rounded up, so that a file just over the cap never reads as "50 MB".
    return `${mb >= 100 ? Math.ceil(mb) : Math.ceil(mb * 10) / 10} MB`;
}

/** Refuses what cannot be read as a design, with the reason; `stats` are the path's (links followed). */
export function checkInputFile(path: string, stats: Stats): void {
    if (!stats.isFile()) throw new UsageError(`${path} is not a regular file`);
    if (!path.endsWith('.arch')) throw new UsageError(`${path} is not a .arch file`);
    if (stats.size > MAX_INPUT_BYTES) throw tooLarge(path, stats.size);
}

function tooLarge(path: string, size: number): UsageError {
    return new UsageError(`${path} is ${megabytes(size)}; archscope reads files up to ${megabytes(MAX_INPUT_BYTES)}`);
}

/** The text of a `.arch` file; a UsageError (one line) for anything that is not one or cannot be read. */
export function readArchFile(path: string): string {
    const cannotRead = (error: unknown): UsageError => new UsageError(`cannot read ${path}: ${errnoReason(error)}`);
    let stats: Stats;
    try {
        stats = statSync(path);
    } catch (error) {
        throw cannotRead(error);
    }
    // Checked before opening: a plain open of a FIFO blocks until a writer comes.
    checkInputFile(path, stats);
    let fd: number;
    try {
        // Non-blocking all the same: the path may have been swapped for a FIFO since the stat.
        fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    } catch (error) {
        throw cannotRead(error);
    }
    try {
        checkInputFile(path, fstatSync(fd)); // what was opened, not what was looked at
        // Read to the end, but never past the cap: the file may grow while it is read.
        const chunks: Buffer[] = [];
        let total = 0;
        for (;;) {
            const chunk = Buffer.allocUnsafe(Math.min(1024 * 1024, MAX_INPUT_BYTES + 1 - total));
            const read = readSync(fd, chunk, 0, chunk.length, null);
            if (read === 0) break;
            chunks.push(chunk.subarray(0, read));
            total += read;
            if (total > MAX_INPUT_BYTES) throw tooLarge(path, total);
        }
        return Buffer.concat(chunks, total).toString('utf8');
    } catch (error) {
        throw error instanceof UsageError ? error : cannotRead(error);
    } finally {
        closeSync(fd);
    }
}
