/**
 * Untrusted text into Markdown (hovers). Labels and engines are any characters
 * a user typed, and names reach Markdown inside generated sentences, so each
 * is escaped before it is shown: `**bold** <img src=x>` must read as typed,
 * never as formatting, a link or HTML.
 */

/**
 * The characters that start markup inside a line: emphasis, code, links and
 * images (`[`, `]`; `(` and `!` mean nothing without them), HTML and autolinks,
 * entities, table cells, strikethrough, headings, theme icons. Bare URLs are
 * broken up below.
 */
const SPECIAL = /[\\`*_[\]<>&|~#$]/g;

/**
 * `text` as literal Markdown within a line: special characters backslash-escaped,
 * line breaks made spaces (a break would let the rest start a list or a heading).
 * Meant for text placed after other text on its line, as every hover line here is
 * (`- label: ...`): list markers and numbers at a line's start are not escaped.
 */
export function escapeMarkdown(text: string): string {
    return text
        .replace(/[\r\n\u2028\u2029]+/g, ' ')
        .replace(SPECIAL, '\\$&')
        // GitHub-flavoured renderers (VS Code's among them) turn bare `https://...` and `www....` into links.
        .replace(/:\/\//g, '\\://')
        .replace(/\b(www)\./gi, '$1\\.');
}

/**
 * Generated sentences that mark code with backticks ("no `capacity`") but also
 * carry names (`_a_` would turn italic): escape the text between code spans,
 * keep the spans. Text with an unmatched backtick is escaped whole.
 */
export function escapeMarkdownOutsideCode(text: string): string {
    const parts = text.split('`');
    if (parts.length % 2 === 0) return escapeMarkdown(text);
    return parts.map((part, i) => (i % 2 === 1 ? `\`${part.replace(/[\r\n\u2028\u2029]+/g, ' ')}\`` : escapeMarkdown(part))).join('');
}
