/**
 * Untrusted text into Markdown: the hovers and the design-doc export, one
 * escaper for both. Names, labels, engines and finding messages are any
 * characters a user typed, and the text is read in renderers that allow inline
 * HTML (GitHub, GitLab, VS Code): each
 * string must read as typed, never as a link, HTML, formatting or a new table cell.
 */

/**
 * Backslash-escaped: what starts emphasis, code, links, images, strikethrough,
 * headings, math, table cells. An underscore inside a word (`session_cache`)
 * cannot open or close emphasis, so it stays readable in the source.
 */
const PUNCTUATION = /[\\`*[\]|~#$!]|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu;

/** Lines made one: a break would end the table row or start a block. */
function oneLine(text: string): string {
    return text.replace(/[\r\n\u2028\u2029]+/g, ' ').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
}

/**
 * `text` as literal inline Markdown, safe inside a table cell. HTML characters
 * become entities (a backslash before `<` is not honoured by every renderer);
 * bare URLs are broken up because GitHub-flavoured renderers link them.
 */
export function escapeInline(text: string): string {
    return oneLine(text)
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(PUNCTUATION, '\\$&')
        .replace(/:\/\//g, '\\://')
        .replace(/\b(www)\./gi, '$1\\.');
}

/**
 * Generated sentences mark code with backticks ("no `capacity`"): keep those
 * spans as code (where nothing is markup, so `<img>` stays text) and escape the
 * text between them. In a table cell a code span still splits the row on `|`:
 * there it is escaped inside too (GFM reads `\|` there, but elsewhere the
 * backslash would show). Unbalanced backticks: all escaped.
 */
export function escapeInlineKeepingCode(text: string, where: 'cell' | 'line' = 'line'): string {
    const parts = oneLine(text).split('`');
    if (parts.length % 2 === 0) return escapeInline(text);
    return parts.map((part, i) => {
        if (i % 2 === 0) return escapeInline(part);
        // An empty or space-only span is not a code span in CommonMark: show it escaped.
        if (part.trim() === '') return `\\\`${escapeInline(part)}\\\``;
        return `\`${where === 'cell' ? part.replace(/\|/g, '\\|') : part}\``;
    }).join('');
}
