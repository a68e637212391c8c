/**
 * The hover card of a node: its title, kind and instances, its estimates and its findings. Built from
 * elements and textContent only (user text never goes through innerHTML); placed by CSSOM properties,
 * which the CSP allows (it forbids style attributes in markup).
 */
import type { SceneNode } from '../../server/src/diagram/scene.js';
import { el } from './dom.js';

export class Tooltip {
    readonly element = el('div', 'tooltip');
    private shownFor: string | undefined;

    constructor(parent: HTMLElement) {
        this.element.setAttribute('role', 'tooltip');
        this.element.hidden = true;
        parent.appendChild(this.element);
    }

    show(node: SceneNode, clientX: number, clientY: number): void {
        if (this.shownFor !== node.id) {
            this.fill(node);
            this.shownFor = node.id;
        }
        this.element.hidden = false;
        this.place(clientX, clientY);
    }

    hide(): void {
        this.element.hidden = true;
        this.shownFor = undefined;
    }

    private fill(node: SceneNode): void {
        const card = this.element;
        card.replaceChildren();
        card.appendChild(el('div', 'tooltip-title', node.title));
        const kind = [node.role ?? '', node.kind, node.engine ?? '', node.instances].filter(Boolean).join(' · ');
        card.appendChild(el('div', 'tooltip-kind', kind));
        if (node.zones.length > 0) card.appendChild(el('div', 'tooltip-zones', `zones: ${node.zones.join(', ')}`));
        if (node.estimates.length > 0) {
            const list = el('ul', 'tooltip-estimates');
            for (const line of node.estimates) list.appendChild(el('li', '', line));
            card.appendChild(list);
        }
        if (node.findings.length > 0) {
            const list = el('ul', 'tooltip-findings');
            for (const finding of node.findings) {
                const item = el('li', `finding sev-${finding.severity}`);
                item.appendChild(el('span', 'finding-rule', `${finding.severity} ${finding.ruleId}`));
                item.appendChild(el('span', 'finding-message', ` ${finding.message}`));
                list.appendChild(item);
            }
            card.appendChild(list);
        }
    }

    /** Beside the pointer, flipped to stay inside the window. */
    private place(clientX: number, clientY: number): void {
        const card = this.element;
        const gap = 14;
        const { offsetWidth: w, offsetHeight: h } = card;
        const left = clientX + gap + w > window.innerWidth ? Math.max(0, clientX - gap - w) : clientX + gap;
        const top = clientY + gap + h > window.innerHeight ? Math.max(0, clientY - gap - h) : clientY + gap;
        card.style.left = `${left}px`;
        card.style.top = `${top}px`;
    }
}
