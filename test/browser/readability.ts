/**
 * Whether the simulation panel and its heat colours are readable, measured in the page from the
 * colours the browser computed (the theme's variables resolved, color-mix included): each text
 * against what it is drawn on at WCAG's 4.5:1, each box's outline against the drawing's background
 * at WCAG's 3:1 for graphics (1.4.11), and each step of the heat scale told apart from the next:
 * their fills differ by a CIE76 ΔE of 7.5 or more (plainly different side by side; 5 is already told
 * at a glance), the most VS Code's six default themes allow while every text on every step keeps
 * 4.5:1 (the mixes in media/diagram.css were chosen so); the fill is the second cue, as every box
 * writes its utilization and the legend names each step. A legend swatch has its step's fill.
 * Run in the real VS Code webview (test/e2e/vscode.test.ts, each of VS Code's default themes) and in
 * Chromium with the variables those themes set (test/browser/simulation-panel-themes.test.ts, from
 * test/fixtures/vscode-themes.json).
 */
import type { Frame, Page } from 'playwright-core';

export interface ReadabilityCheck {
    /** What was measured, e.g. "label on as-heat-3" or "as-heat-2 → as-heat-3". */
    what: string;
    /** Contrast ratio (text, outline) or ΔE (heat steps). */
    value: number;
    /** The least it must be. */
    needed: number;
}

/**
 * Plain JavaScript, evaluated in the page (a function would be serialized with the test runner's
 * helpers, which the page lacks). Returns ReadabilityCheck[].
 */
const IN_PAGE = String.raw`(() => {
  const parse = (value) => {
    const text = String(value).trim();
    let m = /^rgba?\(([^)]+)\)$/.exec(text);
    if (m) {
      const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
      return [p[0] / 255, p[1] / 255, p[2] / 255, p.length > 3 ? p[3] : 1];
    }
    m = /^color\(srgb ([^)]+)\)$/.exec(text);
    if (m) {
      const p = m[1].split(/[ /]+/).filter(Boolean).map(Number);
      return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
    }
    return null;
  };
  const over = (fg, bg) => [0, 1, 2].map(i => fg[i] * fg[3] + bg[i] * (1 - fg[3])).concat(1);
  const lum = (c) => {
    const l = c.slice(0, 3).map(v => (v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4)));
    return 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2];
  };
  const ratio = (a, b) => {
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const lab = (c) => {
    const l = c.slice(0, 3).map(v => (v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4)));
    const xyz = [
      (0.4124 * l[0] + 0.3576 * l[1] + 0.1805 * l[2]) / 0.95047,
      0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2],
      (0.0193 * l[0] + 0.1192 * l[1] + 0.9505 * l[2]) / 1.08883
    ].map(t => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116));
    return [116 * xyz[1] - 16, 500 * (xyz[0] - xyz[1]), 200 * (xyz[1] - xyz[2])];
  };
  const deltaE = (a, b) => Math.hypot(...lab(a).map((v, i) => v - lab(b)[i]));
  const style = (el) => getComputedStyle(el);
  // An SVG shape's fill with its fill-opacity (a zone chip's is 0.3).
  const fillOf = (el) => {
    const c = parse(style(el).fill);
    if (!c) return null;
    const opacity = Number(style(el).fillOpacity);
    return [c[0], c[1], c[2], c[3] * (Number.isFinite(opacity) ? opacity : 1)];
  };
  const opaqueBackground = (el) => {
    for (let at = el; at; at = at.parentElement) {
      const c = parse(style(at).backgroundColor);
      // The page under a translucent root is white, as a browser paints it.
      if (c && c[3] > 0) return c[3] >= 1 ? c : over(c, at.parentElement ? opaqueBackground(at.parentElement) : [1, 1, 1, 1]);
    }
    return [1, 1, 1, 1];
  };
  const checks = [];
  const canvas = document.querySelector('.canvas') || document.body;
  const page = opaqueBackground(canvas);
  const fills = new Map();
  for (let k = 0; k <= 5; k++) for (const node of document.querySelectorAll('g.as-node.as-heat-' + k + ':not(.as-failed)')) {
    const shape = node.querySelector('.as-shape');
    const fill = over(fillOf(shape), page);
    if (fills.has(k)) {
      if (deltaE(fills.get(k), fill) > 2) checks.push({ what: node.dataset.node + ' has another fill than the other as-heat-' + k + ' boxes', value: 0, needed: 1 });
    } else fills.set(k, fill);
    // What each text is drawn on: a badge's or a zone chip's own shape (the shape before it in its group), else the box.
    const drawnOn = (text) => {
      for (let at = text.previousElementSibling; at; at = at.previousElementSibling) {
        if (at === shape) break;
        const under = at.tagName === 'rect' || at.tagName === 'circle' ? fillOf(at) : null;
        if (under && under[3] > 0) return over(under, fill);
        if (at.tagName === 'text') continue;
      }
      return fill;
    };
    for (const text of node.querySelectorAll('text, tspan')) {
      const own = text.tagName === 'tspan' ? text.textContent : [...text.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent).join('');
      if (!own.trim()) continue;
      const colour = parse(style(text).fill);
      if (!colour) {
        checks.push({ what: 'a colour the check cannot read: ' + style(text).fill + ' ("' + own.trim().slice(0, 24) + '")', value: 0, needed: 1 });
        continue;
      }
      const on = drawnOn(text.tagName === 'tspan' ? text.parentElement : text);
      const what = text.classList.contains('as-unserved') ? 'unserved mark' : (text.getAttribute('class') || 'text');
      checks.push({ what: what + ' "' + own.trim().slice(0, 24) + '" on as-heat-' + k, value: ratio(over(colour, on), on), needed: 4.5 });
    }
    const stroke = parse(style(shape).stroke);
    // A box is told from the background by its outline or its fill, whichever stands out more (WCAG 1.4.11: 3:1).
    if (stroke) checks.push({ what: 'outline of ' + node.dataset.node + ' (as-heat-' + k + ') on the background', value: Math.max(ratio(over(stroke, page), page), ratio(fill, page)), needed: 3 });
    const swatch = document.querySelector('.sim-swatch.as-heat-' + k);
    if (swatch && fills.get(k) === fill) checks.push({ what: 'legend swatch as-heat-' + k + ' matches its boxes (ΔE)', value: -deltaE(over(parse(style(swatch).backgroundColor), opaqueBackground(swatch.parentElement)), fill), needed: -2 });
  }
  const steps = [...fills.keys()].sort((a, b) => a - b);
  for (let i = 1; i < steps.length; i++) {
    checks.push({ what: 'as-heat-' + steps[i - 1] + ' → as-heat-' + steps[i] + ' (ΔE)', value: deltaE(fills.get(steps[i - 1]), fills.get(steps[i])), needed: 7.5 });
  }
  const panel = document.querySelector('section.sim');
  if (panel) {
    for (const el of panel.querySelectorAll('.sim-summary > *, .sim-target, .sim-label, .sim-legend-item, .sim-peak-value, .sim button, .sim select, .u-title, .u-legend th, .u-legend td')) {
      if (!el.textContent.trim() || el.offsetParent === null) continue;
      const colour = parse(style(el).color);
      if (!colour) continue;
      const bg = opaqueBackground(el);
      const name = el.className && typeof el.className === 'string' ? el.className.split(' ')[0] : el.tagName.toLowerCase();
      checks.push({ what: name + ' "' + el.textContent.trim().slice(0, 24) + '"', value: ratio(over(colour, bg), bg), needed: 4.5 });
    }
  }
  return checks;
})()`;

/** The checks, measured in `target` (a page, or the webview's inner frame). */
export async function readability(target: Page | Frame): Promise<ReadabilityCheck[]> {
    return (await target.evaluate(IN_PAGE)) as ReadabilityCheck[];
}

/** The checks that fail, one line each, for an assertion's message. */
export function unreadable(checks: readonly ReadabilityCheck[]): string[] {
    return checks.filter(check => !(check.value >= check.needed)).map(check => `${check.what}: ${Math.abs(check.value).toFixed(2)} (needs ${Math.abs(check.needed)})`);
}

/** Gives the page a theme's variables and body classes, as VS Code gives its webviews. */
export async function applyTheme(page: Page, theme: { classes: string; variables: Record<string, string> }): Promise<void> {
    await page.evaluate(`(() => {
      const theme = ${JSON.stringify(theme)};
      for (const [name, value] of Object.entries(theme.variables)) document.documentElement.style.setProperty(name, value);
      document.body.className = theme.classes;
    })()`);
}

/** The theme's `--vscode-*` variables as the webview has them (VS Code sets them on the document element). */
export async function themeVariables(target: Page | Frame): Promise<{ classes: string; variables: Record<string, string> }> {
    return (await target.evaluate(String.raw`(() => {
      const out = {};
      const style = document.documentElement.style;
      for (let i = 0; i < style.length; i++) {
        const name = style[i];
        if (name.startsWith('--vscode-')) out[name] = style.getPropertyValue(name).trim();
      }
      return { classes: document.body.className, variables: out };
    })()`)) as { classes: string; variables: Record<string, string> };
}
