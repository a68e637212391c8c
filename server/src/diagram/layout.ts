/**
 * Topology + findings + estimates → positioned Scene, laid out by elkjs's
 * layered algorithm: requests flow left to right (entries on the left, data
 * on the right, one layer per call depth), each group as one box whose
 * inside group-layout.ts arranges, edges routed orthogonally with room left
 * for their labels.
 *
 * elkjs runs synchronously in the calling thread (it takes seconds on large
 * graphs): the language server calls this from its layout worker
 * (server/src/layout-worker.ts), the CLI directly.
 */
import elkBundled from 'elkjs/lib/elk.bundled.js';
import type { ELK as ElkApi, ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';
import { edgeWords } from './edge-words.js';
import { BOX_HEIGHT, boxWidth } from './box-size.js';
import type { DiagramInput } from './diagram-input.js';
import { layoutGroup, type GroupLayout } from './group-layout.js';
import { sceneBoxes, type SceneBoxes } from './scene-boxes.js';
import { sceneHash } from './scene-hash.js';
import type { Point, Scene, SceneEdge, SceneGroup, SceneNode, SceneSource } from './scene.js';

/** Around the whole drawing. */
const MARGIN = 24;
const LABEL_HEIGHT = 14;
const LABEL_CHAR = 6.3;
const TAIL_LABEL = { 'elk.edgeLabels.placement': 'TAIL' };

const ROOT_OPTIONS: Record<string, string> = {
    'elk.algorithm': 'layered',
    'elk.direction': 'RIGHT',
    'elk.edgeRouting': 'ORTHOGONAL',
    'elk.layered.spacing.nodeNodeBetweenLayers': '70',
    'elk.spacing.nodeNode': '28',
    'elk.spacing.edgeNode': '18',
    'elk.spacing.edgeEdge': '12',
    'elk.spacing.edgeLabel': '4',
    // Measured on generated models (npm run bench -- scene): network-simplex placement, model-order
    // constraints, the greedy-switch pass and the default thoroughness (7) each cost about twice the
    // whole layout; without them 200 nodes lay out several times faster and look as tidy. The fixed
    // seed keeps it deterministic.
    'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    'elk.layered.crossingMinimization.strategy': 'LAYER_SWEEP',
    'elk.layered.thoroughness': '3',
    'elk.layered.crossingMinimization.greedySwitch.type': 'OFF',
    'elk.randomSeed': '1',
    // Every coordinate absolute, so the scene needs no parent offsets.
    'elk.json.shapeCoords': 'ROOT',
    'elk.json.edgeCoords': 'ROOT',
    'elk.padding': `[top=${MARGIN},left=${MARGIN},bottom=${MARGIN},right=${MARGIN}]`
};

// elkjs is CommonJS: its module object is the constructor (a bundler may wrap it in `default`).
type ElkConstructor = new () => ElkApi;
const Elk = ((elkBundled as unknown as { default?: ElkConstructor }).default ?? elkBundled) as unknown as ElkConstructor;
let elk: ElkApi | undefined;

/** The ELK graph of the top level: plain boxes, and each group as one box of its own size, laid out inside already. */
export function elkGraph(parts: SceneBoxes, groupLayouts: ReadonlyMap<string, GroupLayout>): ElkNode {
    const children: ElkNode[] = [];
    const placed = new Set<string>();
    // Declaration order, so the same text gives the same graph (and ELK, seeded, the same drawing).
    for (const box of parts.boxes) {
        const id = box.group ?? box.id;
        if (placed.has(id)) continue;
        placed.add(id);
        const group = groupLayouts.get(id);
        children.push(group ? { id, width: group.width, height: group.height } : { id, width: boxWidth(box), height: BOX_HEIGHT });
    }
    const edges: ElkExtendedEdge[] = parts.edges
        .filter(edge => edge.kind !== 'replication' && edge.from !== edge.to)
        .map(edge => {
            // Room for what the renderer writes on the edge: its share, or its label.
            const text = edgeWords(edge) || undefined;
            return {
                id: edge.id,
                sources: [edge.from],
                targets: [edge.to],
                // At the caller's end: "30%" reads as a share of the caller's requests, and a tail label is
                // placed beside the edge rather than as a dummy node in every layer (a third of the layout
                // time of a 200-node model: npm run bench -- scene).
                labels: text ? [{ text, width: Math.ceil(text.length * LABEL_CHAR) + 6, height: LABEL_HEIGHT, layoutOptions: TAIL_LABEL }] : undefined
            };
        });
    return { id: 'root', layoutOptions: ROOT_OPTIONS, children, edges };
}

/** Each group's inside, its members as wide as the widest so that they line up. */
function layoutGroups(parts: SceneBoxes): Map<string, GroupLayout> {
    const boxById = new Map(parts.boxes.map(box => [box.id, box]));
    const layouts = new Map<string, GroupLayout>();
    for (const group of parts.groups) {
        const width = Math.max(...group.members.map(member => boxWidth(boxById.get(member)!)));
        const edges = parts.edges.filter(edge => edge.kind === 'replication' && group.members.includes(edge.from));
        layouts.set(group.id, layoutGroup(group, width, edges));
    }
    return layouts;
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

/** Starts elkjs now (about a second in a browser), so that the first layout does not wait for it. */
export async function warmUpLayout(): Promise<void> {
    elk ??= new Elk();
    await elk.layout({ id: 'warm-up', children: [] });
}

/** Lays out the diagram of one system. Same input, same scene (ELK is deterministic with a fixed seed and model order). */
/** `hash`: the input's sceneHash when the caller has it already (the scene cache hashed it to look it up). */
export async function layoutScene(input: DiagramInput, hash: string = sceneHash(input)): Promise<Scene> {
    const parts = sceneBoxes(input);
    const groupLayouts = layoutGroups(parts);
    elk ??= new Elk();
    const laidOut = await elk.layout(elkGraph(parts, groupLayouts));

    const shapes = new Map((laidOut.children ?? []).map(shape => [shape.id, shape]));
    const geometry = (id: string): { x: number; y: number; width: number; height: number } => {
        const shape = shapes.get(id)!;
        return { x: round(shape.x ?? 0), y: round(shape.y ?? 0), width: round(shape.width ?? 0), height: round(shape.height ?? 0) };
    };
    /** Where a group's member stands: its place in the group, moved to where ELK put the group. */
    const memberGeometry = (group: string, id: string): { x: number; y: number; width: number; height: number } => {
        const origin = geometry(group);
        const place = groupLayouts.get(group)!.members.get(id)!;
        return { x: round(origin.x + place.x), y: round(origin.y + place.y), width: place.width, height: place.height };
    };

    const nodes: SceneNode[] = parts.boxes.map(box => ({ ...box, ...(box.group ? memberGeometry(box.group, box.id) : geometry(box.id)) }));
    const groups: SceneGroup[] = parts.groups.map(({ members: _members, ...group }) => ({ ...group, ...geometry(group.id) }));
    const routed = new Map((laidOut.edges ?? []).map(edge => [edge.id, edge]));
    const groupOf = new Map(parts.boxes.map(box => [box.id, box.group]));
    const edges: SceneEdge[] = parts.edges.map(edge => {
        if (edge.kind === 'replication') {
            const group = groupOf.get(edge.from)!;
            const origin = geometry(group);
            const points = (groupLayouts.get(group)!.edges.get(edge.id) ?? []).map(p => ({ x: round(origin.x + p.x), y: round(origin.y + p.y) }));
            return { ...edge, points };
        }
        const elkEdge = routed.get(edge.id);
        const label = elkEdge?.labels?.[0];
        const labelAt = label && label.x !== undefined && label.y !== undefined
            ? { x: round(label.x + (label.width ?? 0) / 2), y: round(label.y + (label.height ?? 0) / 2) }
            : undefined;
        return { ...edge, points: elkEdge ? pointsOf(elkEdge) : [], ...(labelAt ? { labelAt } : {}) };
    });

    return {
        system: input.topology.name,
        hash,
        width: round(laidOut.width ?? 0),
        height: round(laidOut.height ?? 0),
        zones: input.topology.zones.map(zone => zone.name),
        nodes,
        groups,
        edges,
        sources: sourcesOf(input.topology, new Set(nodes.map(node => node.node)))
    };
}

/** The declarations and mentions of the nodes that are drawn, in source order. */
function sourcesOf(topology: DiagramInput['topology'], drawn: ReadonlySet<string>): SceneSource[] {
    return [
        ...topology.nodes.filter(node => drawn.has(node.name)).map(node => ({ node: node.name, range: node.range })),
        ...topology.mentions.filter(mention => drawn.has(mention.node))
    ].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
