/** Where the rule pages (`docs/rules/ID.md`) are: shipped with the package, linked as file URLs. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The first `docs/rules` folder at or above `start` (the bundle in `out/`, or the sources in `server/src/...`). */
export function findRuleDocsDir(start: string): string | undefined {
    for (let dir = start; ; dir = dirname(dir)) {
        const candidate = join(dir, 'docs', 'rules');
        if (existsSync(candidate)) return candidate;
        if (dirname(dir) === dir) return undefined;
    }
}

export class RuleDocs {
    /** `base` ends with a slash; a page is `base + ID + '.md'`. */
    constructor(private readonly base: string | undefined, readonly dir: string | undefined) {}

    static from(start: string, baseOverride = process.env.ARCHSCOPE_DOCS_BASE): RuleDocs {
        const dir = findRuleDocsDir(start);
        const base = baseOverride ?? (dir ? pathToFileURL(dir).href + '/' : undefined);
        return new RuleDocs(base, dir);
    }

    private readonly known = new Map<string, string | undefined>();

    /** The page of a rule (or of `syntax` / `link`), when it exists. */
    ruleUrl(id: string): string | undefined {
        if (!this.known.has(id)) {
            const exists = !!this.base && /^[a-z]+(-[a-z0-9]+)*$/.test(id)
                && (!this.dir || existsSync(join(this.dir, `${id}.md`)));
            this.known.set(id, exists ? `${this.base}${id}.md` : undefined);
        }
        return this.known.get(id);
    }
}
