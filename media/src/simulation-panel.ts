/**
 * The simulation panel (issue 13): a scenario picker, a peak control (×0.25..×10, continuous), what-if
 * failures (a zone chip, a node from the list, or a click on a box in "fail" mode), the summary strip
 * (requests served, p99, the breaking point, each target met or missed), the charts and a legend.
 * A new what-if asks the extension (the server computes it over a grid of peaks); the peak control never
 * asks: it recolours from the grid (what-if-at.ts), changing classes and labels, never positions.
 * Every name shown comes from the file and goes in as text only.
 */
import type { FromWebview, WhatIf, WhatIfCase } from '../../server/src/protocol.js';
import { formatAvailability, formatDuration, formatMinutes, formatNines, formatPercent } from '../../server/src/present/numbers.js';
import { Charts } from './charts.js';
import { button, el } from './dom.js';
import { HEAT_STEPS, HeatOverlay } from './heat.js';
import { factorAt, figuresAt, positionOf, SLIDER_STEPS, type FiguresAt } from './what-if-at.js';

const MINUTES_PER_YEAR = 525_600;

export interface PanelState {
    case: WhatIfCase;
    peakFactor: number;
}

export class SimulationPanel {
    readonly element: HTMLElement;
    private whatIf: WhatIf | undefined;
    private state: PanelState;
    private failMode = false;
    private tier: string | undefined;
    private figures: FiguresAt | undefined;
    private readonly overlay = new HeatOverlay();
    private readonly charts: Charts;
    private readonly scenario: HTMLSelectElement;
    private readonly peak: HTMLInputElement;
    private readonly peakLabel: HTMLOutputElement;
    private readonly zones: HTMLElement;
    private readonly failSelect: HTMLSelectElement;
    private readonly failed: HTMLElement;
    private readonly failModeButton: HTMLButtonElement;
    private readonly summary: HTMLElement;
    private readonly targets: HTMLElement;
    private readonly status: HTMLElement;
    private readonly tierSelect: HTMLSelectElement;

    constructor(
        private readonly canvas: HTMLElement,
        private readonly post: (message: FromWebview) => void,
        initial: PanelState | undefined,
        private readonly onState: (state: PanelState) => void
    ) {
        this.state = initial ?? { case: { scenario: null, fail: [], cold: [] }, peakFactor: 1 };
        this.element = el('section', 'sim');
        this.element.setAttribute('aria-label', 'Simulation');

        const controls = el('div', 'sim-controls');
        this.scenario = labelled(controls, 'sim-scenario', 'Scenario', el('select', 'sim-select'));
        this.scenario.addEventListener('change', () => this.pickScenario(this.scenario.value));
        this.peak = labelled(controls, 'sim-peak', 'Peak', el('input', 'sim-peak'));
        this.peak.type = 'range';
        this.peak.min = '0';
        this.peak.max = String(SLIDER_STEPS);
        this.peak.step = '1';
        this.peakLabel = el('output', 'sim-peak-value');
        this.peakLabel.htmlFor.add('sim-peak');
        controls.append(this.peakLabel);
        this.peak.addEventListener('input', () => this.setFactor(factorAt(Number(this.peak.value))));
        this.zones = el('div', 'sim-zones');
        this.zones.setAttribute('role', 'group');
        this.zones.setAttribute('aria-label', 'Zones: press one to fail it');
        controls.append(this.zones);
        this.failSelect = labelled(controls, 'sim-fail', 'Fail a node', el('select', 'sim-select'));
        this.failSelect.addEventListener('change', () => {
            if (this.failSelect.value) this.toggleFailed(this.failSelect.value);
            this.failSelect.value = '';
        });
        this.failModeButton = button('sim-fail-mode', 'Click to fail', 'Clicking a box fails it (or brings it back) instead of showing its source', () => this.setFailMode(!this.failMode));
        this.failModeButton.setAttribute('aria-pressed', 'false');
        controls.append(
            this.failModeButton,
            button('sim-reset', 'Reset', 'Back to the base case at its peak, nothing failed', () => this.reset()),
            button('sim-save', 'Save as scenario', 'Write this what-if into the file as a scenario block', () => this.save())
        );
        this.failed = el('div', 'sim-failed');
        this.failed.setAttribute('aria-label', 'Failed in this what-if');

        this.summary = el('div', 'sim-summary');
        this.summary.setAttribute('role', 'status');
        this.summary.setAttribute('aria-live', 'polite');
        this.targets = el('ul', 'sim-targets');
        this.targets.setAttribute('aria-label', 'Targets');
        this.status = el('div', 'sim-status');

        const chartBar = el('div', 'sim-chart-bar');
        this.tierSelect = labelled(chartBar, 'sim-tier', 'Tier', el('select', 'sim-select'));
        this.tierSelect.addEventListener('change', () => {
            this.tier = this.tierSelect.value || undefined;
            this.drawCharts();
        });
        const latency = el('div', 'sim-chart sim-chart-latency');
        const downtime = el('div', 'sim-chart sim-chart-downtime');
        this.charts = new Charts(latency, downtime);
        const charts = el('div', 'sim-charts');
        charts.append(chartBar, latency, downtime);

        this.element.append(controls, this.failed, this.summary, this.targets, this.status, legend(), charts);
        // Shown with the first figures: a file without estimates keeps the whole panel for its drawing.
        this.element.hidden = true;
        this.showFactor();
    }

    /** Asks the extension for the current what-if (at start, and when the drawing is first shown). */
    request(): void {
        this.status.textContent = 'Computing…';
        this.post({ type: 'whatIf', case: this.state.case });
    }

    /** The server's figures for the what-if asked last. */
    show(whatIf: WhatIf | null): void {
        this.status.textContent = whatIf ? '' : 'No estimates for this file.';
        if (!whatIf) return;
        this.element.hidden = false;
        const scenarioChanged = this.whatIf?.case.scenario !== whatIf.case.scenario;
        this.whatIf = whatIf;
        if (scenarioChanged && this.state.case.scenario === whatIf.case.scenario && this.pendingScenarioFactor) {
            this.state.peakFactor = whatIf.peakFactor;
            this.pendingScenarioFactor = false;
            this.saveState();
        }
        this.fillControls(whatIf);
        this.showFactor();
        this.drawCharts();
        this.repaint();
    }

    /** The answer to "Save as scenario". */
    saved(name: string | null, error?: string): void {
        this.status.textContent = name ? `Saved as scenario ${name}.` : error ? `Not saved: ${error}` : '';
    }

    /** The drawing was redrawn (new boxes): paint the what-if on it again. */
    repaint(): void {
        this.figures = this.whatIf ? figuresAt(this.whatIf, this.state.peakFactor) : undefined;
        this.overlay.paint(this.canvas, this.figures, new Set(this.state.case.fail));
        this.showSummary();
    }

    /** A box was clicked: in fail mode it fails (or comes back) and the click is taken; else it selects its tier's chart. */
    boxClicked(node: string): boolean {
        if (!this.failMode) {
            if (this.whatIf?.nodes.some(n => n.node === node)) {
                this.tier = node;
                this.tierSelect.value = node;
                this.drawCharts();
            }
            return false;
        }
        this.toggleFailed(node);
        return true;
    }

    /** The scene was replaced by a fresh drawing. */
    resetOverlay(): void {
        this.overlay.reset();
    }

    private pendingScenarioFactor = false;

    private pickScenario(name: string): void {
        this.state.case = { scenario: name || null, fail: [], cold: [] };
        // The control moves to the scenario's own peak when its figures arrive.
        this.pendingScenarioFactor = true;
        this.saveState();
        this.request();
    }

    private toggleFailed(name: string): void {
        const fail = this.state.case.fail;
        this.state.case = { ...this.state.case, fail: fail.includes(name) ? fail.filter(n => n !== name) : [...fail, name] };
        this.saveState();
        this.request();
    }

    private setFailMode(on: boolean): void {
        this.failMode = on;
        this.failModeButton.setAttribute('aria-pressed', String(on));
        this.canvas.classList.toggle('as-fail-mode', on);
    }

    private reset(): void {
        this.state = { case: { scenario: null, fail: [], cold: [] }, peakFactor: 1 };
        this.setFailMode(false);
        this.saveState();
        this.showFactor();
        this.request();
    }

    private save(): void {
        const w = this.whatIf;
        const scenario = w?.scenarios.find(s => s.name === this.state.case.scenario);
        const fail = [...new Set([...(scenario?.fail ?? []), ...this.state.case.fail])];
        const cold = [...new Set([...(scenario?.cold ?? []), ...this.state.case.cold])];
        this.post({ type: 'saveScenario', peakFactor: this.state.peakFactor, fail, cold });
    }

    private setFactor(factor: number): void {
        this.state.peakFactor = factor;
        this.showFactor();
        this.repaint();
        this.charts.moveTo(factor);
        this.saveState();
    }

    private showFactor(): void {
        this.peak.value = String(positionOf(this.state.peakFactor));
        const text = `×${this.state.peakFactor.toFixed(2)}`;
        this.peakLabel.textContent = text;
        this.peak.setAttribute('aria-valuetext', `${text} the peak`);
    }

    private fillControls(whatIf: WhatIf): void {
        replaceOptions(this.scenario, [['', 'Base case'], ...whatIf.scenarios.map(s => [s.name, s.name] as [string, string])], whatIf.case.scenario ?? '');
        const scenario = whatIf.scenarios.find(s => s.name === whatIf.case.scenario);
        const own = new Set([...(scenario?.fail ?? [])]);
        this.zones.replaceChildren(...whatIf.zones.map(zone => {
            const pressed = this.state.case.fail.includes(zone) || own.has(zone);
            const chip = button('sim-zone', zone, `Zone ${zone}: ${pressed ? 'down' : 'up'}; press to ${pressed ? 'bring it back' : 'fail it'}`, () => {
                if (!own.has(zone)) this.toggleFailed(zone);
            });
            chip.setAttribute('aria-pressed', String(pressed));
            chip.disabled = own.has(zone);
            return chip;
        }));
        const names = whatIf.nodes.map(n => n.node);
        replaceOptions(this.failSelect, [['', 'Fail a node…'], ...names.filter(n => !this.state.case.fail.includes(n)).map(n => [n, n] as [string, string])], '');
        this.failed.replaceChildren(...[...own, ...this.state.case.fail.filter(n => !own.has(n))].map(name => {
            const chip = el('span', 'sim-chip', name);
            if (!own.has(name)) chip.append(button('sim-chip-remove', '×', `Bring ${name} back`, () => this.toggleFailed(name)));
            return chip;
        }));
        replaceOptions(this.tierSelect, [['', 'the bottleneck'], ...names.map(n => [n, n] as [string, string])], this.tier ?? '');
    }

    private drawCharts(): void {
        if (!this.whatIf) return;
        const tier = this.tier ?? figuresAt(this.whatIf, this.state.peakFactor).breakingPoint?.bottleneck;
        this.charts.show(this.whatIf, tier, this.state.peakFactor);
    }

    private showSummary(): void {
        const f = this.figures;
        if (!f) {
            this.summary.replaceChildren();
            this.targets.replaceChildren();
            return;
        }
        const parts: HTMLElement[] = [];
        if (f.served !== null) {
            const nines = f.served < 1 ? -Math.log10(1 - f.served) : Infinity;
            parts.push(item('served', `Served ${formatAvailability(f.served)}`, `${Number.isFinite(nines) ? `${formatNines(nines)} nines, ` : ''}${formatMinutes((1 - f.served) * MINUTES_PER_YEAR)} down a year`));
        }
        parts.push(item('p99', f.p99Ms === null ? 'p99 unbounded' : `p99 ${formatDuration(f.p99Ms)}`, 'end to end'));
        if (f.breakingPoint) {
            const at = f.breakingPoint.factor / f.factor;
            parts.push(item('breaking', `Breaks at ×${f.breakingPoint.factor.toFixed(2)}`, `${f.breakingPoint.bottleneck} first${at < 1 ? ' (already past it)' : ''}`));
        }
        this.summary.replaceChildren(...parts);
        this.targets.replaceChildren(...f.targets.map(t => {
            const li = el('li', `sim-target ${t.met ? 'sim-met' : 'sim-missed'}`);
            const unbounded = (t.target === 'p99' || t.target === 'mean') && f.p99Ms === null && f.tiers.some(tier => !tier.down && tier.utilization !== null && tier.utilization >= 1);
            const value = t.value === null ? (unbounded ? 'unbounded' : 'unknown') : formatTarget(t.target, t.value);
            li.textContent = `${t.met ? '✓' : '✗'} ${t.target} ${value} (target ${t.target === 'availability' ? '≥' : '≤'} ${formatTarget(t.target, t.limit)})`;
            li.setAttribute('aria-label', `${t.target}: ${t.met ? 'met' : 'missed'}, ${value} against ${formatTarget(t.target, t.limit)}`);
            return li;
        }));
    }

    private saveState(): void {
        this.onState({ case: this.state.case, peakFactor: this.state.peakFactor });
    }
}

function formatTarget(target: string, value: number): string {
    if (target === 'availability') return formatAvailability(value);
    if (target === 'p99' || target === 'mean') return formatDuration(value);
    if (target === 'data_loss') return formatDuration(value * 1000);
    return formatPercent(value);
}

function item(className: string, head: string, detail: string): HTMLElement {
    const span = el('span', `sim-item sim-${className}`);
    span.append(el('strong', '', head), document.createTextNode(` ${detail}`));
    return span;
}

function labelled<T extends HTMLElement>(parent: HTMLElement, id: string, text: string, control: T): T {
    control.id = id;
    const label = el('label', 'sim-label', text);
    label.htmlFor = id;
    parent.append(label, control);
    return control;
}

function replaceOptions(select: HTMLSelectElement, options: readonly [string, string][], value: string): void {
    select.replaceChildren(...options.map(([v, text]) => {
        const option = el('option', '', text);
        option.value = v;
        return option;
    }));
    select.value = value;
}

function legend(): HTMLElement {
    const list = el('ul', 'sim-legend');
    list.setAttribute('aria-label', 'Legend: utilization at the peak');
    for (const [i, step] of HEAT_STEPS.entries()) {
        const li = el('li', 'sim-legend-item');
        li.append(el('span', `sim-swatch as-heat-${i}`), document.createTextNode(step.label));
        list.append(li);
    }
    const failed = el('li', 'sim-legend-item');
    failed.append(el('span', 'sim-swatch sim-swatch-failed'), document.createTextNode('failed'));
    const bottleneck = el('li', 'sim-legend-item');
    bottleneck.append(el('span', 'sim-swatch sim-swatch-bottleneck'), document.createTextNode('bottleneck'));
    list.append(failed, bottleneck);
    return list;
}
