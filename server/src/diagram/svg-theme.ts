/**
 * Colours of the SVG renderer. `light` and `dark` write concrete colours as presentation attributes
 * (`fill=`, `stroke=`), which every SVG reader honours, resvg included; `vscode` writes none and leaves
 * the colouring to the classes, which `media/diagram.css` paints with VS Code's theme variables (the
 * webview's CSP forbids inline styles, and the panel must follow the user's theme).
 */
export type ThemeName = 'light' | 'dark' | 'vscode';

export const KINDS = ['client', 'dns', 'cdn', 'balancer', 'service', 'cache', 'queue', 'worker', 'database', 'coordinator', 'storage', 'search', 'external'] as const;
export type Kind = (typeof KINDS)[number];

/** A node kind as a class-safe word: the known kinds, or `other` (a kind string is never written raw). */
export function kindOf(kind: string): Kind | 'other' {
    return (KINDS as readonly string[]).includes(kind) ? (kind as Kind) : 'other';
}

/** How many zone colours there are; zone i gets colour i mod this. */
export const ZONE_COLOURS = 8;

export type Role =
    | 'bg' | 'text' | 'muted' | 'nodeFill' | 'groupFill' | 'groupStroke' | 'shardFill' | 'shardStroke'
    | 'call' | 'session' | 'replication' | 'arbiter' | 'labelBg' | 'error' | 'warning' | 'info' | 'badgeText'
    | 'highlight' | 'hot' | 'warm' | 'legendFill' | 'legendStroke' | 'stale';

interface Palette {
    roles: Record<Role, string>;
    kinds: Record<Kind | 'other', string>;
    zones: string[];
}

const LIGHT: Palette = {
    roles: {
        bg: '#ffffff', text: '#1f2328', muted: '#59636e', nodeFill: '#f6f8fa',
        groupFill: '#eef4fb', groupStroke: '#8aa4c8', shardFill: '#f6f0fb', shardStroke: '#a98bcf',
        call: '#57606a', session: '#8250df', replication: '#0969da', arbiter: '#9a6700', labelBg: '#ffffff',
        error: '#cf222e', warning: '#bf8700', info: '#0969da', badgeText: '#ffffff',
        highlight: '#fb8500', hot: '#cf222e', warm: '#9a6700', legendFill: '#fafbfc', legendStroke: '#d0d7de', stale: '#9a6700'
    },
    kinds: {
        dns: '#0550ae', cdn: '#0a7ea4', balancer: '#6639ba', service: '#1a7f37', cache: '#bc4c00', queue: '#8a6100',
        worker: '#116329', database: '#0969da', coordinator: '#57606a', storage: '#953800', other: '#57606a',
        client: '#1f2328', search: '#8250df', external: '#6e7781'
    },
    zones: ['#b6e3ff', '#ffd8b5', '#c9f0c9', '#e8d5ff', '#ffd6e0', '#fff1a8', '#c8eef0', '#e0e0e0']
};

const DARK: Palette = {
    roles: {
        bg: '#1e1e1e', text: '#e6edf3', muted: '#9198a1', nodeFill: '#262a30',
        groupFill: '#1f2a38', groupStroke: '#4f6f99', shardFill: '#2a2238', shardStroke: '#8a6fb5',
        call: '#9198a1', session: '#bc8cff', replication: '#58a6ff', arbiter: '#d29922', labelBg: '#1e1e1e',
        error: '#f85149', warning: '#d29922', info: '#58a6ff', badgeText: '#0d1117',
        highlight: '#ffa657', hot: '#ff7b72', warm: '#e3b341', legendFill: '#23272e', legendStroke: '#3d444d', stale: '#e3b341'
    },
    kinds: {
        dns: '#79c0ff', cdn: '#56d4dd', balancer: '#d2a8ff', service: '#56d364', cache: '#ffa657', queue: '#e3b341',
        worker: '#7ee787', database: '#58a6ff', coordinator: '#b1bac4', storage: '#f0883e', other: '#b1bac4',
        client: '#e6edf3', search: '#bc8cff', external: '#8b949e'
    },
    zones: ['#1f4b73', '#6b3d14', '#1f5a2a', '#4b2f73', '#6b2438', '#5c4e0f', '#1d5458', '#444c56']
};

/** Writes colours as presentation attributes for the concrete themes, nothing for `vscode`. */
export class Painter {
    private readonly palette: Palette | undefined;

    constructor(readonly theme: ThemeName) {
        this.palette = theme === 'light' ? LIGHT : theme === 'dark' ? DARK : undefined;
    }

    get concrete(): boolean {
        return this.palette !== undefined;
    }

    /** ` fill="…"` (with a leading space), or '' when classes carry the colour. */
    fill(role: Role): string {
        return this.palette ? ` fill="${this.palette.roles[role]}"` : '';
    }

    stroke(role: Role): string {
        return this.palette ? ` stroke="${this.palette.roles[role]}"` : '';
    }

    kindStroke(kind: Kind | 'other'): string {
        return this.palette ? ` stroke="${this.palette.kinds[kind]}"` : '';
    }

    kindFill(kind: Kind | 'other'): string {
        return this.palette ? ` fill="${this.palette.kinds[kind]}"` : '';
    }

    zoneFill(index: number): string {
        return this.palette ? ` fill="${this.palette.zones[index % ZONE_COLOURS]}"` : '';
    }
}

export const FONT_FAMILY = 'DejaVu Sans, Arial, Helvetica, sans-serif';

/** The `<style>` of a standalone SVG: what presentation attributes cannot say. */
export function standaloneCss(): string {
    return `text{font-family:${FONT_FAMILY}}.as-node,.as-badge{cursor:pointer}`;
}
