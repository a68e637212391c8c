/**
 * Where the rule pages (`docs/rules/ID.md`) are linked from a diagnostic. Pure: the Node server and
 * the CLI find the pages shipped beside the bundle (rule-docs-node.ts); the browser's server links
 * them under the site that serves it (web/server-worker.ts).
 */

/** A rule ID as the pages are named: lower-case words joined by `-`. */
const RULE_ID = /^[a-z]+(-[a-z0-9]+)*$/;

export class RuleDocs {
    private readonly known = new Map<string, string | undefined>();

    /**
     * `base` ends with a slash; a page is `base + ID + '.md'`. `exists` says whether a rule's page is
     * there (without it, every well-formed ID is linked); `dir` is the folder they are in, when on disk;
     * `extension` the pages' (`.html` where a site renders them).
     */
    constructor(
        private base: string | undefined, private readonly exists: (id: string) => boolean = () => true, readonly dir?: string,
        private extension: '.md' | '.html' = '.md'
    ) {}

    /** Links the pages under `base` from now on: the browser's server learns it from its client at `initialize`. */
    linkUnder(base: string, extension: '.md' | '.html'): void {
        this.base = base;
        this.extension = extension;
        this.known.clear();
    }

    /** The page of a rule (or of `syntax` / `link`), when it exists. */
    ruleUrl(id: string): string | undefined {
        if (!this.known.has(id)) {
            const exists = !!this.base && RULE_ID.test(id) && this.exists(id);
            this.known.set(id, exists ? `${this.base}${id}${this.extension}` : undefined);
        }
        return this.known.get(id);
    }
}
