/**
 * What an edge says in words on the drawing, the same for the layout (which leaves room for it) and every
 * renderer: its share when below 100%, then its label (`20x reads`, `sessions`, a lag).
 */
import { percent } from './svg-text.js';
import type { SceneEdge } from './scene.js';

export function edgeWords(edge: Pick<SceneEdge, 'share' | 'label'>): string {
    const parts: string[] = [];
    if (edge.share !== undefined && edge.share < 1) parts.push(percent(edge.share));
    // A label that only repeats the share is said once.
    if (edge.label && edge.label !== parts[0]) parts.push(edge.label);
    return parts.join(' · ');
}
