/** The rule pages shipped with the package (the bundle's `docs/rules`), linked as file URLs. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RuleDocs } from './rule-docs.js';

/** The first `docs/rules` folder at or above `start` (the bundle in `out/`, or the sources in `server/src/...`). */
export function findRuleDocsDir(start: string): string | undefined {
    for (let dir = start; ; dir = dirname(dir)) {
        const candidate = join(dir, 'docs', 'rules');
        if (existsSync(candidate)) return candidate;
        if (dirname(dir) === dir) return undefined;
    }
}

/** The pages at or above `start`, or at `ARCHSCOPE_DOCS_BASE` when it is set (a published copy). */
export function ruleDocsFrom(start: string, baseOverride = process.env.ARCHSCOPE_DOCS_BASE): RuleDocs {
    const dir = findRuleDocsDir(start);
    const base = baseOverride ?? (dir ? pathToFileURL(dir).href + '/' : undefined);
    return dir ? new RuleDocs(base, id => existsSync(join(dir, `${id}.md`)), dir) : new RuleDocs(base);
}
