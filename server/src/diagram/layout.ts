/** Topology + findings + estimates → positioned Scene (elkjs). Being written; the signature is final. */
import type { DiagramInput } from './diagram-input.js';
import type { Scene } from './scene.js';

export async function layoutScene(input: DiagramInput): Promise<Scene> {
    throw new Error(`layout not written yet (${input.topology.name})`);
}
