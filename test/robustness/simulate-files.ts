/**
 * `node --import tsx test/robustness/simulate-files.ts DIR`: the whole estimates of every `.arch` file in
 * DIR, as a hover, a code lens or the diagram computes them (a check computes only what its rules read), one
 * JSON line per file: `{ file, systems }` or `{ file, error }`. Run as a child process with a time limit by
 * extreme-numbers.test.ts, so that an estimate that hangs fails the test instead of freezing the run.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { check, services } from '../helpers.js';

const folder = process.argv[2];
for (const file of readdirSync(folder).filter(name => name.endsWith('.arch')).sort()) {
    try {
        const { document } = await check(readFileSync(join(folder, file), 'utf8'));
        const systems = services.Arch.analysis.analyze(document.parseResult.value).map(({ context }) => context.estimates().nodes.length);
        await services.shared.workspace.LangiumDocuments.deleteDocument(document.uri);
        process.stdout.write(`${JSON.stringify({ file, systems })}\n`);
    } catch (error) {
        process.stdout.write(`${JSON.stringify({ file, error: error instanceof Error ? error.stack : String(error) })}\n`);
    }
}
