/**
 * Topology + findings + estimates → positioned Scene, laid out by elkjs's
 * layered algorithm: requests flow left to right (entries on the left, data
 * on the right, one layer per call depth), groups as compound nodes, edges
 * routed orthogonally with room left for their labels.
 *
 * elkjs runs synchronously in the calling thread (it takes seconds on large
 * graphs): the language server calls this from its layout worker
 * (layout-worker.ts), the CLI directly.
 */
import elkBundled from 'elkjs/lib/elk.bundled.js';
import type { ELK as ElkApi, ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';
import { BOX_HEIGHT, boxWidth } from './box-size.js';
import type { DiagramInput } from './diagram-input.js';
import { sceneBoxes, type SceneBoxes } from './scene-boxes.js';
import { sceneHash } from './scene-hash.js';
import type { Point, Scene, SceneEdge, SceneGroup, SceneNode } from './scene.js';

/** Around the whole drawing. */
const MARGIN = 24;
const LABEL_HEIGHT = 14;
const LABEL_CHAR = 6.3;
const GROUP_TITLE_CHAR = 7;

const ROOT_OPTIONS: Record<string, string> = {
    'elk.algorithm': 'layered',
    'elk.direction': 'RIGHT',
    // Each group is laid out on its own first, then placed as one box: calls end at a group, never at a
    // member, and laying out the whole hierarchy at once costs ten times as much on large models.
    'elk.hierarchyHandling': 'SEPARATE_CHILDREN',
    'elk.edgeRouting': 'ORTHOGONAL',
    'elk.layered.spacing.nodeNodeBetweenLayers': '70',
    'elk.spacing.nodeNode': '28',
    'elk.spacing.edgeNode': '18',
    'elk.spacing.edgeEdge': '12',
    'elk.spacing.edgeLabel': '4',
    // Measured on generated models (npm run bench -- scene): network-simplex placement, model-order
    // constraints and the default thoroughness (7) each cost about twice the whole layout; without them
    // 200 nodes lay out five times faster and look as tidy. The fixed seed keeps it deterministic.
    'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    'elk.layered.crossingMinimization.strategy': 'LAYER_SWEEP',
    'elk.layered.thoroughness': '3',
    'elk.edgeLabels.placement': 'CENTER',
    'elk.randomSeed': '1',
    // Every coordinate absolute, so the scene needs no parent offsets.
    'elk.json.shapeCoords': 'ROOT',
    'elk.json.edgeCoords': 'ROOT',
    'elk.padding': `[top=${MARGIN},left=${MARGIN},bottom=${MARGIN},right=${MARGIN}]`
};

const GROUP_OPTIONS: Record<string, string> = {
    // Room for the group's title above its members.
    'elk.padding': '[top=34,left=14,bottom=14,right=14]',
    'elk.spacing.nodeNode': '16',
    'elk.layered.spacing.nodeNodeBetweenLayers': '44',
    // Members keep their declared order (replica 1, 2, 3): crossing minimization orders a layer by the position hints below.
    'elk.layered.crossingMinimization.semiInteractive': 'true',
    // Shards have no edges between them: as separate components ELK would pack them by size, not in order.
    'elk.separateConnectedComponents': 'false'
};

// elkjs is CommonJS: its module object is the constructor (a bundler may wrap it in `default`).
type ElkConstructor = new () => ElkApi;
const Elk = ((elkBundled as unknown as { default?: ElkConstructor }).default ?? elkBundled) as unknown as ElkConstructor;
let elk: ElkApi | undefined;

export function elkGraph(parts: SceneBoxes): ElkNode {
    const boxById = new Map(parts.boxes.map(box => [box.id, box]));
    // The members of a group are as wide as its widest, so they line up.
    const widths = new Map(parts.boxes.map(box => [box.id, boxWidth(box)]));
    for (const group of parts.groups) {
        const widest = Math.max(...group.members.map(member => widths.get(member)!));
        for (const member of group.members) widths.set(member, widest);
    }
    const leaf = (id: string, order = 0): ElkNode =>
        ({ id, width: widths.get(id)!, height: BOX_HEIGHT, layoutOptions: { 'elk.position': `(0,${order * 100})` } });
    const inGroup = new Set(parts.groups.flatMap(group => group.members));
    const children: ElkNode[] = [];
    const groupById = new Map(parts.groups.map(group => [group.id, group]));
    // Declaration order: ELK is told to respect it, so the same text gives the same drawing.
    const placed = new Set<string>();
    for (const box of parts.boxes) {
        if (!inGroup.has(box.id)) {
            children.push(leaf(box.id));
            continue;
        }
        const group = groupById.get(box.group!)!;
        if (placed.has(group.id)) continue;
        placed.add(group.id);
        children.push({
            id: group.id,
            // At least as wide as its title.
            layoutOptions: {
                ...GROUP_OPTIONS,
                'elk.nodeSize.constraints': 'MINIMUM_SIZE',
                'elk.nodeSize.minimum': `(${Math.min(420, Math.ceil(group.title.length * GROUP_TITLE_CHAR) + 28)}, 0)`
            },
            children: group.members.map((member, i) => leaf(member, i))
        });
    }
    // An edge belongs to the graph that holds both its ends: replication inside its group, everything else at the root.
    const root: ElkExtendedEdge[] = [];
    const childrenById = new Map(children.map(child => [child.id, child]));
    for (const edge of parts.edges) {
        if (edge.from === edge.to) continue;
        const elkEdge: ElkExtendedEdge = {
            id: edge.id,
            sources: [edge.from],
            targets: [edge.to],
            labels: edge.label ? [{ text: edge.label, width: Math.ceil(edge.label.length * LABEL_CHAR) + 6, height: LABEL_HEIGHT }] : undefined
        };
        const container = edge.kind === 'replication' ? childrenById.get(boxById.get(edge.from)?.group ?? '') : undefined;
        if (container) (container.edges ??= []).push(elkEdge);
        else root.push(elkEdge);
    }
    return { id: 'root', layoutOptions: ROOT_OPTIONS, children, edges: root };
}

function pointsOf(edge: ElkExtendedEdge): Point[] {
    const points: Point[] = [];
    for (const section of edge.sections ?? []) {
        const route = [section.startPoint, ...(section.bendPoints ?? []), section.endPoint];
        for (const point of route) {
            const last = points[points.length - 1];
            if (!last || last.x !== point.x || last.y !== point.y) points.push({ x: round(point.x), y: round(point.y) });
        }
    }
    return points;
}

function round(value: number): number {
    return Math.round(value * 10) / 10;
}

/** Lays out the diagram of one system. Same input, same scene (ELK is deterministic with a fixed seed and model order). */
export async function layoutScene(input: DiagramInput): Promise<Scene> {
    const parts = sceneBoxes(input);
    elk ??= new Elk();
    const laidOut = await elk.layout(elkGraph(parts));

    const shapes = new Map<string, ElkNode>();
    const visit = (node: ElkNode): void => {
        shapes.set(node.id, node);
        node.children?.forEach(visit);
    };
    laidOut.children?.forEach(visit);
    const geometry = (id: string): { x: number; y: number; width: number; height: number } => {
        const shape = shapes.get(id)!;
        return { x: round(shape.x ?? 0), y: round(shape.y ?? 0), width: round(shape.width ?? 0), height: round(shape.height ?? 0) };
    };

    const nodes: SceneNode[] = parts.boxes.map(box => ({ ...box, ...geometry(box.id) }));
    const groups: SceneGroup[] = parts.groups.map(({ members: _members, ...group }) => ({ ...group, ...geometry(group.id) }));
    const routed = new Map([laidOut, ...(laidOut.children ?? [])].flatMap(graph => graph.edges ?? []).map(edge => [edge.id, edge]));
    const edges: SceneEdge[] = parts.edges.map(edge => {
        const elkEdge = routed.get(edge.id);
        const label = elkEdge?.labels?.[0];
        const labelAt = label && label.x !== undefined && label.y !== undefined
            ? { x: round(label.x + (label.width ?? 0) / 2), y: round(label.y + (label.height ?? 0) / 2) }
            : undefined;
        return { ...edge, points: elkEdge ? pointsOf(elkEdge) : [], ...(labelAt ? { labelAt } : {}) };
    });

    return {
        system: input.topology.name,
        hash: sceneHash(input),
        width: round(laidOut.width ?? 0),
        height: round(laidOut.height ?? 0),
        zones: input.topology.zones.map(zone => zone.name),
        nodes,
        groups,
        edges
    };
}
