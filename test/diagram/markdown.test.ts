/**
 * The Markdown export (a design-doc section), read back by a real GFM parser (`marked`, the one
 * mermaid itself depends on): the title, the mermaid block, the findings table with rule links, the
 * estimates table and system lines, the assumptions; untrusted strings read as typed, never as HTML,
 * links, formatting or extra cells; determinism.
 */
import { assumptionsInWords } from '../../server/src/present/assumptions.js';
import { existsSync } from 'node:fs';
import { marked, type Token, type Tokens } from 'marked';
import { describe, expect, test } from 'vitest';
import type { DiagramInput } from '../../server/src/diagram/diagram-input.js';
import { toMarkdown } from '../../server/src/diagram/markdown.js';
import { escapeInline, escapeInlineKeepingCode } from '../../server/src/present/markdown.js';
import { toMermaid } from '../../server/src/diagram/mermaid.js';
import { inputOf, SHOP } from './input-of.js';

interface Read {
    /** The text a reader sees (code spans in backticks). */
    text: string;
    /** Raw HTML that would reach the page. */
    html: string[];
    links: { href: string; text: string }[];
    /** Formatting that did not come from us (emphasis, strikethrough...). */
    formatting: string[];
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', '#39': "'" };

/** Walks inline tokens the way a renderer does, collecting what is seen and what would be markup. */
function read(tokens: readonly Token[], into: Read = { text: '', html: [], links: [], formatting: [] }): Read {
    for (const token of tokens) {
        switch (token.type) {
            case 'text':
                if ('tokens' in token && token.tokens) read(token.tokens, into);
                else into.text += token.text.replace(/&(lt|gt|amp|quot|#39);/g, (_: string, e: string) => ENTITIES[e]);
                break;
            case 'escape':
                into.text += token.text;
                break;
            case 'codespan':
                // Shown as code; its backticks kept in the reading, so a sentence reads back as written.
                into.text += `\`${token.text}\``;
                break;
            case 'link': {
                const before = into.text.length;
                read((token as Tokens.Link).tokens, into);
                into.links.push({ href: (token as Tokens.Link).href, text: into.text.slice(before) });
                break;
            }
            case 'html':
                into.html.push(token.raw);
                into.text += token.raw;
                break;
            case 'br':
                into.text += '\n';
                break;
            default:
                into.formatting.push(token.type);
                if ('tokens' in token && token.tokens) read(token.tokens, into);
                else into.text += token.raw;
        }
    }
    return into;
}

/** A cell's reading. */
function cell(c: Tokens.TableCell): Read {
    return read(c.tokens);
}

function tables(markdown: string): Tokens.Table[] {
    return marked.lexer(markdown).filter((t): t is Tokens.Table => t.type === 'table');
}

function sections(markdown: string): string[] {
    return marked.lexer(markdown).filter((t): t is Tokens.Heading => t.type === 'heading').map(h => `${h.depth} ${h.text}`);
}

describe('the shop example', async () => {
    const input = await inputOf(SHOP);
    const markdown = toMarkdown(input);
    const tokens = marked.lexer(markdown);

    test('a titled section: the diagram, the findings, the estimates, the assumptions', () => {
        expect(markdown.startsWith('## Shop architecture\n\n```mermaid\n')).toBe(true);
        expect(sections(markdown)).toEqual(['2 Shop architecture', '3 Findings', '3 Estimates', '3 Assumptions']);
        expect(markdown.endsWith('\n')).toBe(true);
        expect(markdown.endsWith('\n\n')).toBe(false);
    });

    test('the mermaid block is the Mermaid export, whole, in one fence', () => {
        const code = tokens.filter((t): t is Tokens.Code => t.type === 'code');
        expect(code).toHaveLength(1);
        expect(code[0].lang).toBe('mermaid');
        expect(code[0].text + '\n').toBe(toMermaid(input));
    });

    test('the findings table: a row per finding, errors first, each rule linked to its page', () => {
        const [findings] = tables(markdown);
        expect(findings.header.map(h => h.text)).toEqual(['Severity', 'Rule', 'Node', 'Message']);
        expect(findings.rows).toHaveLength(input.findings.length);
        const severities = findings.rows.map(row => cell(row[0]).text);
        expect(severities).toEqual([...severities].sort((a, b) => ['error', 'warning', 'info'].indexOf(a) - ['error', 'warning', 'info'].indexOf(b)));
        for (const row of findings.rows) {
            expect(row).toHaveLength(4);
            const rule = cell(row[1]);
            expect(rule.links).toEqual([{ href: `docs/rules/${rule.text}.md`, text: rule.text }]);
            expect(existsSync(rule.links[0].href), rule.links[0].href).toBe(true);
            const message = cell(row[3]);
            expect(message.html).toEqual([]);
            expect(message.formatting).toEqual([]);
        }
        // Every finding is there, message as reported, with its line.
        for (const finding of input.findings) {
            const row = findings.rows.find(r => cell(r[3]).text === `${finding.message} (line ${finding.range.start.line + 1})`);
            expect(row, finding.message).toBeDefined();
            expect(cell(row![0]).text).toBe(finding.severity);
            expect(cell(row![2]).text).toBe(finding.node ?? '—');
        }
    });

    test('the estimates table: a row per node with load, capacity, utilization, latency, availability', () => {
        const [, estimates] = tables(markdown);
        expect(estimates.header.map(h => h.text)).toEqual(['Node', 'Kind', 'Instances', 'Load', 'Capacity', 'Utilization', 'Mean latency', 'p99 latency', 'Availability']);
        expect(estimates.rows.map(row => cell(row[0]).text)).toEqual(input.estimates.nodes.map(n => n.name));
        const row = (name: string): string[] => estimates.rows.find(r => cell(r[0]).text === name)!.map(c => cell(c).text);
        expect(row('web')).toEqual(['web', 'service', '3..20', '12,000 rps', '8,000 rps', '150%', '—', '—', '99.5%']);
        expect(row('mailer').slice(3, 6)).toEqual(['600 rps', '100 rps', '600%']);
        // A replica: 1,620 / 3 reads + the 1,200 writes it applies, of 3,000 rps.
        expect(row('catalog')[5]).toBe('58%');
    });

    test('the system lines: availability with nines and downtime, and with one zone lost', () => {
        expect(markdown).toMatch(/^- \*\*System availability:\*\* [\d.]+% \([\d.]+ nines\), [\d.,]+ (h|min|s) of downtime a year\.$/m);
        const zone = input.estimates.availability.zoneLost!;
        expect(markdown).toContain(`- **With zone ${zone.zone} lost:** `);
        expect(markdown).toContain('- **Overloaded at the peak:** web at 150%, 33% of its requests unserved at the peak; mailer at 600%, 83% of its requests unserved at the peak.');
        expect(markdown).toMatch(new RegExp(`^- \\*\\*Downtime a year each node costs, most first:\\*\\* ${input.estimates.availability.byNode[0].node} `, 'm'));
        expect(markdown).toContain('At the peak of 12,000 rps, 90% reads:');
        expect(markdown).toMatch(/^- \*\*Shards of orders\.orders:\*\* 16 by hash, /m);
    });

    test('the assumptions: every default and note of the estimates, as written', () => {
        const lists = tokens.filter((t): t is Tokens.List => t.type === 'list');
        const items = lists.flatMap(list => list.items.map(item => read(item.tokens).text.trim()));
        const { defaults, notes } = assumptionsInWords(input.estimates);
        for (const text of [...defaults, ...notes]) expect(items, text).toContain(text);
    });

    test('deterministic: the same model, parsed again, gives the same text', async () => {
        expect(toMarkdown(await inputOf(SHOP))).toBe(markdown);
    });

    test('the rule pages can live elsewhere', () => {
        const [findings] = tables(toMarkdown(input, { rulesBase: 'https://example.com/archscope/docs/rules/' }));
        const rule = cell(findings.rows[0][1]);
        expect(rule.links[0].href).toBe(`https://example.com/archscope/docs/rules/${rule.text}.md`);
    });
});

describe('a quiet model', () => {
    test('no findings, no zones, no peak: said in words, no empty tables', async () => {
        const input = await inputOf(`system Quiet {
  service api { instances 2 }
}`);
        const markdown = toMarkdown({ ...input, findings: [] });
        expect(markdown).toContain('### Findings\n\nThe checker found nothing to report.\n');
        expect(markdown).not.toContain('With zone');
        expect(markdown).not.toContain('At the peak');
        expect(tables(markdown)).toHaveLength(1);
    });
});

describe('untrusted text', async () => {
    const base = await inputOf(SHOP);
    const hostile = [
        'a | b <img src=x onerror=alert(1)> **bold** _em_ ~~gone~~ [link](javascript:alert(1)) ![i](x.png)',
        'second\nline\r\nthird # not a heading',
        'code `x | <b>y</b>` kept, then an unmatched ` backtick',
        '<script>alert(2)</script> &amp; &lt; https://evil.example www.evil.example $x$ \\| trailing \\',
        'spans `ok` and `` and `<i>`'
    ];
    const findings = hostile.map((message, i) => ({
        ruleId: i === 0 ? 'not a rule](javascript:x)' : 'spof-single-instance', severity: 'error' as const, message,
        node: i === 1 ? '<b>node|x</b>' : 'web', range: { start: { line: i, character: 0 }, end: { line: i, character: 1 } }
    }));
    const input: DiagramInput = {
        ...base, findings,
        estimates: {
            ...base.estimates,
            notes: hostile.map(name => ({ kind: 'cycle-stops-load' as const, nodes: [name] })),
            defaults: [{ input: 'balancer-algorithm', algorithm: 'default `with | code` and <u>html</u>', nodes: [] }]
        }
    };
    const markdown = toMarkdown(input);
    const [table] = tables(markdown);

    test('each finding stays one row of four cells', () => {
        expect(table.rows).toHaveLength(hostile.length);
        for (const row of table.rows) expect(row).toHaveLength(4);
    });

    test('cells read as typed (line breaks as spaces), with no HTML, formatting or links but the rule pages', () => {
        for (const [i, row] of table.rows.entries()) {
            const message = cell(row[3]);
            expect(message.text).toBe(`${hostile[i].replace(/\r?\n/g, ' ')} (line ${i + 1})`);
            expect(message.html).toEqual([]);
            expect(message.formatting).toEqual([]);
            expect(message.links).toEqual([]);
        }
        const badRule = cell(table.rows[0][1]);
        expect(badRule.text).toBe('not a rule](javascript:x)');
        expect(badRule.links).toEqual([]);
        expect(cell(table.rows[1][2]).text).toBe('<b>node|x</b>');
        expect(cell(table.rows[1][2]).html).toEqual([]);
    });

    test('the notes and defaults read as typed too', () => {
        const lists = marked.lexer(markdown).filter((t): t is Tokens.List => t.type === 'list');
        const items = lists.flatMap(list => list.items.map(item => read(item.tokens)));
        for (const text of hostile) {
            const item = items.find(it => it.text.trim() === `a cycle stops load propagation: no estimates for ${text.replace(/\r?\n/g, ' ')}`);
            expect(item, text).toBeDefined();
            expect(item!.html).toEqual([]);
            expect(item!.links).toEqual([]);
            expect(item!.formatting).toEqual([]);
        }
        expect(items.map(it => it.text.trim())).toContain('balancer algorithm: default `with | code` and <u>html</u>');
    });

    test('nothing starts a block: the whole document has the sections we wrote and nothing else', () => {
        expect(sections(markdown)).toEqual(['2 Shop architecture', '3 Findings', '3 Estimates', '3 Assumptions']);
        const kinds = marked.lexer(markdown).map(t => t.type).filter(t => t !== 'space');
        expect(kinds.filter(k => k === 'html')).toEqual([]);
        expect(kinds.filter(k => k === 'code')).toHaveLength(1);
    });
});

describe('escapeInline', () => {
    test('leaves an underscore inside a word alone (it cannot start emphasis there), escapes it at the edges', () => {
        expect(escapeInline('session_cache')).toBe('session_cache');
        expect(escapeInline('_private_')).toBe('\\_private\\_');
    });

    test('keeps code spans of generated sentences, escaping only what splits a cell', () => {
        expect(escapeInlineKeepingCode('add `capacity N rps` here')).toBe('add `capacity N rps` here');
        expect(escapeInlineKeepingCode('`a|b`', 'cell')).toBe('`a\\|b`');
        expect(escapeInlineKeepingCode('`a|b`', 'line')).toBe('`a|b`');
    });
});
