/** Reads a rule page (`docs/rules/ID.md`) into the parts the tests check. */
import { readFileSync } from 'node:fs';

export interface RulePage {
    title: string;
    severity: string | undefined;
    /** The `##` headings, in order. */
    sections: string[];
    /** The ```arch blocks of `## How to fix`, in order (before, after). */
    fixSnippets: string[];
    text: string;
}

export function readRulePage(id: string): RulePage {
    const text = readFileSync(`docs/rules/${id}.md`, 'utf8');
    const lines = text.split('\n');
    const sections = lines.filter(line => line.startsWith('## ')).map(line => line.slice(3).trim());
    const howToFix = text.split(/^## /m).find(part => part.startsWith('How to fix')) ?? '';
    const fixSnippets = [...howToFix.matchAll(/```arch\n([\s\S]*?)```/g)].map(match => match[1]);
    return {
        title: lines[0],
        severity: /^Default severity: \*\*(\w+)\*\*$/m.exec(text)?.[1],
        sections,
        fixSnippets,
        text
    };
}

/** A snippet of nodes and edges as a whole file. */
export function asSystem(snippet: string): string {
    return `system Doc {\n${snippet}}\n`;
}
