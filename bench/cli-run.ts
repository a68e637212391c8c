/** Runs the built CLI as a child process: wall time, exit code, peak RSS. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const CLI = 'out/cli.cjs';
const TIME = '/usr/bin/time';
const PRELOAD = join(import.meta.dirname, 'max-rss.cjs');

export interface CliRun {
    ms: number;
    status: number | null;
    stdout: string;
    /** Peak resident set size of the CLI process, from `/usr/bin/time -v` or else a preloaded `process.resourceUsage()`. */
    maxRssBytes?: number;
}

export function assertCliBuilt(): void {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` (npm run bench does).`);
}

export function runCli(args: readonly string[]): CliRun {
    const useTime = existsSync(TIME);
    const command = useTime ? TIME : process.execPath;
    const argv = useTime ? ['-v', process.execPath, CLI, ...args] : ['--require', PRELOAD, CLI, ...args];
    const started = performance.now();
    const result = spawnSync(command, argv, { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
    const ms = performance.now() - started;
    if (result.error) throw result.error;
    const kb = useTime
        ? /Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr)?.[1]
        : /archscope-bench-max-rss-kb (\d+)/.exec(result.stderr)?.[1];
    return { ms, status: result.status, stdout: result.stdout, maxRssBytes: kb ? Number(kb) * 1024 : undefined };
}
