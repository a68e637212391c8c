/**
 * Which scene node the editor's cursor is on, for the panel's highlight. The scene carries where each
 * drawn node is in the source (`Scene.sources`: its whole declaration and each place it is named,
 * from the server's Topology), so the answer is the node of the smallest such range holding the
 * cursor: the name under the cursor in `web-api -> order-db` or `failover arbiter zk`, else the
 * innermost declaration the cursor is in. Nothing here reads the text, so nothing disagrees with
 * the grammar. Pure: no VS Code API (the extension and the playground both use it), so it is unit-tested.
 */
import type { SceneSource } from './scene.js';
import type { Position, SourceRange } from '../model/topology.js';

export interface NodeIndex {
    nodeAt(position: Position): string | null;
}

function before(a: Position, b: Position): boolean {
    return a.line < b.line || (a.line === b.line && a.character < b.character);
}

function contains(range: SourceRange, p: Position): boolean {
    return !before(p, range.start) && !before(range.end, p);
}

/** Whether `a` lies inside `b` (the smaller of two nested ranges). */
function within(a: SourceRange, b: SourceRange): boolean {
    return !before(a.start, b.start) && !before(b.end, a.end);
}

/** Builds the index for one scene's sources. */
export function indexNodes(sources: readonly SceneSource[]): NodeIndex {
    return {
        nodeAt(position) {
            let best: SceneSource | undefined;
            for (const source of sources) {
                if (contains(source.range, position) && (!best || within(source.range, best.range))) best = source;
            }
            return best?.node ?? null;
        }
    };
}
