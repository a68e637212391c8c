/**
 * The hash a scene is cached by: FNV-1a (64-bit, Fowler–Noll–Vo) over the
 * diagram input as JSON. Any change that can move or relabel a box (a node,
 * an edge, a finding, an estimate, a source range) changes it; two texts
 * that differ only in what the diagram does not show still differ in their
 * ranges, which the scene carries for click-to-source.
 */
import type { DiagramInput } from './diagram-input.js';

const OFFSET = 0xcbf29ce484222325n;
const PRIME = 0x100000001b3n;
const MASK = 0xffffffffffffffffn;

export function fnv1a64(text: string): string {
    // Two 32-bit halves would be faster; BigInt keeps the published constants readable and is fast enough for a model.
    let hash = OFFSET;
    for (let i = 0; i < text.length; i++) {
        hash ^= BigInt(text.charCodeAt(i));
        hash = (hash * PRIME) & MASK;
    }
    return hash.toString(16).padStart(16, '0');
}

export function sceneHash(input: DiagramInput): string {
    return fnv1a64(JSON.stringify([input.topology, input.findings, input.estimates]));
}
