/** Markdown tables for bench results: every bench group returns tables, `run.ts` prints them. */

export interface BenchTable {
    title: string;
    columns: string[];
    rows: string[][];
    /** Lines printed under the table: how it was measured, what a mark means. */
    notes?: string[];
}

/** A Markdown table with columns padded to their widest cell, so it reads in a terminal too. */
export function formatTable(table: BenchTable): string {
    const widths = table.columns.map((column, i) => Math.max(width(column), ...table.rows.map(row => width(row[i] ?? ''))));
    const line = (cells: readonly string[]): string => `| ${cells.map((cell, i) => cell + ' '.repeat(widths[i] - width(cell))).join(' | ')} |`;
    return [
        `### ${table.title}`,
        '',
        line(table.columns),
        `|${widths.map(w => '-'.repeat(w + 2)).join('|')}|`,
        ...table.rows.map(row => line(table.columns.map((_, i) => row[i] ?? ''))),
        ...(table.notes?.length ? ['', ...table.notes] : []),
        ''
    ].join('\n');
}

/** Display width, counting each code point once (✓ and ✗ are one column). */
function width(text: string): number {
    return [...text].length;
}

export function ms(value: number): string {
    return value >= 100 ? value.toFixed(0) : value.toFixed(1);
}

export function mb(bytes: number): string {
    return (bytes / (1024 * 1024)).toFixed(1);
}

/** `123 ms < 150 ms ✓`; a bench reports a missed budget, it never fails. */
export function budget(valueMs: number, budgetMs: number | undefined): string {
    if (budgetMs === undefined) return '—';
    return `< ${budgetMs} ms ${valueMs < budgetMs ? '✓' : '✗'}`;
}
