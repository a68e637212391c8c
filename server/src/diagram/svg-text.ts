/**
 * Text measuring and number wording for the SVG renderer. There is no DOM to measure with (the renderer
 * runs in the server and the CLI too), so widths are estimated from DejaVu Sans' advance widths by
 * character class: close enough to truncate before a box's border and to size label backgrounds.
 */

/** Advance width in em, by character class (DejaVu Sans, regular; bold is ~8% wider). */
function classify(c: string): number {
    if (/[iljtf.,:;'|!()\[\] ]/.test(c)) return 0.34;
    if (/[mwMW@%]/.test(c)) return 0.9;
    if (/[A-Z0-9#&]/.test(c)) return 0.68;
    if (c.charCodeAt(0) > 0x2e80) return 1; // CJK and other wide scripts
    return 0.6;
}

/** Advances of the first 256 code points, looked up rather than matched: the renderer measures every label. */
const ADVANCE = Array.from({ length: 256 }, (_, code) => classify(String.fromCharCode(code)));

function advance(c: string): number {
    const code = c.charCodeAt(0);
    return code < 256 && c.length === 1 ? ADVANCE[code] : classify(c);
}

export function textWidth(text: string, fontSize: number, bold = false): number {
    let em = 0;
    for (const c of text) em += advance(c);
    return em * fontSize * (bold ? 1.08 : 1);
}

/** `text`, cut with an ellipsis so that it fits `maxWidth` at `fontSize`. */
export function fit(text: string, maxWidth: number, fontSize: number, bold = false): string {
    if (textWidth(text, fontSize, bold) <= maxWidth) return text;
    const chars = [...text];
    let width = textWidth('…', fontSize, bold);
    let out = '';
    for (const c of chars) {
        const w = textWidth(c, fontSize, bold);
        if (width + w > maxWidth) break;
        width += w;
        out += c;
    }
    return out + '…';
}

/** A fraction as a percentage: `0.78` → `78%`, `0.125` → `12.5%`. */
export function percent(fraction: number): string {
    if (!Number.isFinite(fraction)) return '?';
    return `${Math.round(fraction * 1000) / 10}%`;
}

/**
 * An availability as people quote it: `99.97%`, `99.9995%`; as many decimals as it takes to show
 * how far it is from 100% (a 99.999% tier never reads as `100.00%`), at most six.
 */
export function availabilityText(a: number): string {
    if (!Number.isFinite(a)) return '?';
    if (a >= 1) return '100%';
    const p = a * 100;
    for (let digits = 2; digits <= 6; digits++) {
        const text = p.toFixed(digits);
        if (Number(text) < 100) return `${trimZeros(text)}%`;
    }
    return '99.999999%';
}

/** Utilization as a percentage of capacity: `78%`; above 10× it is written `>999%`. */
export function utilizationText(u: number): string {
    if (!Number.isFinite(u) || u > 9.99) return '>999%';
    return `${Math.round(u * 100)}%`;
}

function trimZeros(text: string): string {
    return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}
