/**
 * XML escaping for the SVG renderer. Every string that came from a `.arch` file goes through `xml()`
 * before it reaches the output, in text and in attribute values alike (the same escaping is safe in both).
 */

/** Code points XML 1.0 forbids anywhere (C0 controls but tab/newline/return, lone surrogates, U+FFFE/U+FFFF): dropped, so the output always parses. */
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** `& < > " '` as entities and characters XML cannot hold removed: safe as element text and as a quoted attribute value. */
export function xml(text: string): string {
    return String(text).replace(INVALID_XML, '').replace(/[&<>"']/g, c => ENTITIES[c]);
}

/** A coordinate or length as the output writes it: at most one decimal, no `-0`, the same string for the same number. */
export function num(value: number): string {
    if (!Number.isFinite(value)) return '0';
    const rounded = Math.round(value * 10) / 10;
    return rounded === 0 ? '0' : String(rounded);
}
