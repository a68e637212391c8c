/**
 * The temporary files of writes in progress, removed if the process ends
 * before the write does: on SIGINT, SIGTERM and SIGHUP (Ctrl-C, a CI job
 * cancelled, a closed terminal) the CLI removes them and exits with the
 * conventional code 128 + the signal's number, as the default action would
 * have (130, 143, 129) but without leaving a hidden file behind. SIGKILL
 * cannot be caught: atomic-write.ts sweeps what such a run leaves.
 */
import { constants } from 'node:os';
import { rmSync } from 'node:fs';

const live = new Set<string>();
let installed = false;

export function trackTempFile(path: string): void {
    live.add(path);
}

export function untrackTempFile(path: string): void {
    live.delete(path);
}

function removeLive(): void {
    for (const path of live) {
        try { rmSync(path, { force: true }); } catch { /* ending anyway: remove what can be removed */ }
    }
    live.clear();
}

/** For the commands that write files (export, format); idempotent. */
export function removeTempFilesOnExit(): void {
    if (installed) return;
    installed = true;
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
        process.on(signal, () => {
            removeLive();
            process.exit(128 + constants.signals[signal]);
        });
    }
    process.on('exit', removeLive);
}
