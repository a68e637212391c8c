/**
 * `npm run bench [-- GROUP...]`: runs the bench groups (all, or those named)
 * and prints their tables. It reports; it never fails on a missed budget.
 * A new group is a `NAME.bench.ts` exporting a BenchGroup, added to GROUPS.
 */
import { cpus, loadavg } from 'node:os';
import { checkBench } from './check.bench.js';
import { fuzzBench } from './fuzz.bench.js';
import { sceneBench } from './scene.bench.js';
import { simulateBench } from './simulate.bench.js';
import { webviewBench } from './webview.bench.js';
import { webBench } from './web.bench.js';
import type { BenchGroup } from './group.js';
import { formatTable } from './table.js';

const GROUPS: readonly BenchGroup[] = [checkBench, simulateBench, sceneBench, webviewBench, webBench, fuzzBench];

async function main(names: readonly string[]): Promise<void> {
    const unknown = names.filter(name => !GROUPS.some(group => group.name === name));
    if (unknown.length > 0) throw new Error(`unknown bench group ${unknown.join(', ')}: use ${GROUPS.map(g => g.name).join(', ')}`);
    const selected = names.length > 0 ? GROUPS.filter(group => names.includes(group.name)) : GROUPS;
    // The load average says how much other work shared the cores: on a busy machine every time is inflated.
    const load = loadavg().map(l => l.toFixed(1)).join(' ');
    process.stdout.write(`archscope bench: Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, load average ${load}\n\n`);
    for (const group of selected) {
        const started = performance.now();
        for (const table of await group.run()) process.stdout.write(formatTable(table) + '\n');
        process.stderr.write(`(${group.name}: ${((performance.now() - started) / 1000).toFixed(1)} s)\n\n`);
    }
}

main(process.argv.slice(2)).catch(error => {
    process.stderr.write(`bench: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exitCode = 1;
});
