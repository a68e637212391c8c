/**
 * The panel's two charts, drawn with uPlot (canvas, ~50 KB, no eval, no fetch, no inline style sheet:
 * it fits the webview's CSP; its stylesheet comes from the extension's files). Colours are read from the
 * page's CSS variables, so they follow VS Code's theme.
 * - Latency against load: the end-to-end p99 and the chosen tier's mean response time over ×0.25..×10
 *   of the peak (the hockey stick), the current peak as a vertical line, the p99 target as a horizontal one.
 * - The yearly downtime each node costs, ranked.
 */
import uPlot from 'uplot';
import type { WhatIf } from '../../server/src/protocol.js';
import { formatDuration, formatMinutes } from '../../server/src/present/numbers.js';

function cssColour(name: string, fallback: string): string {
    return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

const RANKED = 8;

export class Charts {
    private latency: uPlot | undefined;
    private downtime: uPlot | undefined;
    private current = 1;
    private p99Target: number | undefined;

    constructor(private readonly latencyHost: HTMLElement, private readonly downtimeHost: HTMLElement) {}

    /** Draws both charts for `whatIf`, the latency curve of `tier`. */
    show(whatIf: WhatIf, tier: string | undefined, factor: number): void {
        this.current = factor;
        this.p99Target = whatIf.limits.p99;
        this.latency?.destroy();
        this.downtime?.destroy();
        const width = Math.max(220, Math.floor(this.latencyHost.clientWidth || 320));
        const fg = cssColour('--as-fg', '#1f2328');
        const grid = cssColour('--as-border', '#d0d7de');
        const axis = { stroke: fg, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
        const node = tier ? whatIf.nodes.find(n => n.node === tier) : undefined;
        const factors = whatIf.grid.map(point => point.factor);
        const p99 = whatIf.grid.map(point => point.p99Ms);
        const series: uPlot.Series[] = [
            { label: '× peak', value: (_u, v) => (v == null ? '' : `×${v.toFixed(2)}`) },
            { label: 'p99 end to end', stroke: cssColour('--as-blue', '#0969da'), width: 2, value: (_u, v) => (v == null ? 'unbounded' : formatDuration(v)) }
        ];
        const data: uPlot.AlignedData = [factors, p99];
        if (node) {
            series.push({ label: `${node.node} mean`, stroke: cssColour('--as-orange', '#bc4c00'), width: 2, value: (_u, v) => (v == null ? 'unbounded' : formatDuration(v)) });
            (data as (number | null)[][]).push(node.meanMs);
        }
        this.latency = new uPlot({
            width, height: 170,
            title: `Latency against load${node ? ` (${node.node})` : ''}`,
            // The peak on a log scale (as the control moves), the latency on a linear one (the hockey stick shows).
            scales: { x: { time: false, distr: 3, log: 10 }, y: { auto: true, range: (_u, _min, max) => [0, Math.max(1, max, (this.p99Target ?? 0) * 1.15)] } },
            axes: [
                { ...axis, values: (_u, ticks) => ticks.map(t => (t == null ? '' : `×${t}`)) },
                { ...axis, values: (_u, ticks) => ticks.map(t => (t == null ? '' : formatDuration(t))), size: 60 }
            ],
            series,
            legend: { live: true },
            hooks: { draw: [u => this.drawMarks(u)] }
        }, data, this.latencyHost);

        const ranked = whatIf.byNode.slice(0, RANKED);
        const bars = uPlot.paths.bars!({ size: [0.6, 40] });
        this.downtime = new uPlot({
            width, height: 170,
            title: 'Downtime a year, by node',
            scales: { x: { time: false, range: [-0.5, Math.max(0.5, ranked.length - 0.5)] }, y: { auto: true, range: (_u, _min, max) => [0, Math.max(1, max)] } },
            axes: [
                { ...axis, values: (_u, ticks) => ticks.map(t => ranked[t]?.node ?? ''), splits: () => ranked.map((_, i) => i), rotate: 0 },
                { ...axis, values: (_u, ticks) => ticks.map(t => (t == null ? '' : t === 0 ? '0' : formatMinutes(t))), size: 60 }
            ],
            series: [
                { label: 'node', value: (_u, v) => (v == null ? '' : ranked[v]?.node ?? '') },
                { label: 'downtime a year', fill: cssColour('--as-red', '#cf222e'), stroke: cssColour('--as-red', '#cf222e'), paths: bars, points: { show: false }, value: (_u, v) => (v == null ? '' : formatMinutes(v)) }
            ],
            legend: { live: true }
        }, [ranked.map((_, i) => i), ranked.map(entry => entry.downtimeMinutesPerYear)], this.downtimeHost);
    }

    /** The peak control moved: only the marks are redrawn. */
    moveTo(factor: number): void {
        this.current = factor;
        this.latency?.redraw(false, false);
    }

    private drawMarks(u: uPlot): void {
        const ctx = u.ctx;
        ctx.save();
        ctx.lineWidth = 1.5 * devicePixelRatio;
        ctx.setLineDash([4 * devicePixelRatio, 3 * devicePixelRatio]);
        const x = u.valToPos(this.current, 'x', true);
        ctx.strokeStyle = cssColour('--as-fg', '#1f2328');
        ctx.beginPath();
        ctx.moveTo(x, u.bbox.top);
        ctx.lineTo(x, u.bbox.top + u.bbox.height);
        ctx.stroke();
        if (this.p99Target !== undefined) {
            const y = u.valToPos(this.p99Target, 'y', true);
            if (y >= u.bbox.top && y <= u.bbox.top + u.bbox.height) {
                ctx.strokeStyle = cssColour('--as-red', '#cf222e');
                ctx.beginPath();
                ctx.moveTo(u.bbox.left, y);
                ctx.lineTo(u.bbox.left + u.bbox.width, y);
                ctx.stroke();
            }
        }
        ctx.restore();
    }

    destroy(): void {
        this.latency?.destroy();
        this.downtime?.destroy();
        this.latency = this.downtime = undefined;
    }
}
