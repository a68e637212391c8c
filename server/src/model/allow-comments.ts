import type { Allow, AllowTarget, SourceRange } from './topology.js';

/** `// @allow RULE-ID: reason`; the reason may be empty here, the validator asks for it. */
const ALLOW_PATTERN = /^(\s*)\/\/\s*@allow\s+([A-Za-z0-9_-]+)\s*(?::\s*(.*?))?\s*$/;

export interface Declaration {
    /** 0-based line where the declaration starts. */
    line: number;
    target: AllowTarget;
}

/**
 * Finds every `@allow` line comment and attaches it to the declaration (node,
 * table or field) that starts on the line right below it, or right below a run
 * of further `@allow` comments. One that sits above anything else has no target.
 */
export function collectAllows(text: string, declarations: readonly Declaration[]): Allow[] {
    const byLine = new Map<number, AllowTarget>();
    for (const declaration of declarations) {
        if (!byLine.has(declaration.line)) byLine.set(declaration.line, declaration.target);
    }
    // Lines end at \r\n, \r or \n, as LSP positions count them.
    const lines = text.split(/\r\n|\r|\n/);
    const allows: Allow[] = [];
    for (let line = 0; line < lines.length; line++) {
        const match = ALLOW_PATTERN.exec(lines[line]);
        if (!match) continue;
        let below = line + 1;
        while (below < lines.length && ALLOW_PATTERN.test(lines[below])) below++;
        const range: SourceRange = {
            start: { line, character: match[1].length },
            end: { line, character: lines[line].length }
        };
        allows.push({ ruleId: match[2], reason: match[3] ?? '', range, target: byLine.get(below) });
    }
    return allows;
}
