/**
 * Hand-built scenes for the renderer and webview tests: the shop example laid out by hand (the tests
 * must not depend on the layout's exact coordinates), a scene of hostile names, and a large grid.
 */
import type { SourceRange } from '../../server/src/model/topology.js';
import type { Scene, SceneEdge, SceneFinding, SceneNode, Severity } from '../../server/src/diagram/scene.js';

export function range(line: number, character = 2, length = 4): SourceRange {
    return { start: { line, character }, end: { line, character: character + length } };
}

type NodeSpec = Partial<SceneNode> & Pick<SceneNode, 'id' | 'kind' | 'x' | 'y'>;

export function node(spec: NodeSpec): SceneNode {
    const findings = spec.findings ?? [];
    const badges: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
    for (const f of findings) badges[f.severity]++;
    return {
        node: spec.id,
        title: spec.id,
        instances: '×1',
        zones: [],
        estimates: [],
        badges,
        findings,
        range: range(1),
        width: 180,
        height: 76,
        ...spec
    };
}

export function finding(severity: Severity, ruleId: string, message: string, line: number): SceneFinding {
    return { severity, ruleId, message, range: range(line, 4, 8) };
}

/** The edge between two boxes: from the source's right border to the target's left border. */
export function edge(scene: { nodes: SceneNode[] }, from: string, to: string, extra: Partial<SceneEdge> = {}): SceneEdge {
    const a = scene.nodes.find(n => n.id === from)!;
    const b = scene.nodes.find(n => n.id === to)!;
    const start = { x: a.x + a.width, y: a.y + a.height / 2 };
    const end = { x: b.x, y: b.y + b.height / 2 };
    const midX = (start.x + end.x) / 2;
    const points = start.y === end.y ? [start, end] : [start, { x: midX, y: start.y }, { x: midX, y: end.y }, end];
    return { id: `${from}->${to}`, from, to, kind: 'call', points, ...extra };
}

/** The shop example (examples/problems.arch), laid out by hand in columns: entries left, data right. */
export function shopScene(): Scene {
    const col = (i: number): number => 20 + i * 250;
    const both = ['us_east', 'us_west'];
    const nodes: SceneNode[] = [
        node({ id: 'front', kind: 'dns', x: col(0), y: 180, instances: 'managed', range: range(14, 6, 5), estimates: ['load 12,000 rps'] }),
        node({ id: 'assets', kind: 'cdn', x: col(1), y: 40, instances: 'managed', range: range(18, 6, 6) }),
        node({ id: 'edge', kind: 'balancer', x: col(1), y: 180, instances: '×2 active/passive', zones: both, utilization: 0.12, availability: 0.99995, range: range(20, 11, 4),
            estimates: ['load 12,000 rps', 'availability 99.995%'] }),
        node({ id: 'web', kind: 'service', x: col(2), y: 180, instances: '3..20', zones: both, utilization: 0.78, availability: 0.9997, range: range(28, 10, 3),
            estimates: ['load 12,000 rps', 'utilization 78% at 20 instances', 'p99 41 ms'],
            findings: [finding('warning', 'cap-failure-headroom', 'web runs at 104% with one zone lost', 28)] }),
        node({ id: 'session_cache', kind: 'cache', x: col(3), y: 20, instances: '×3', utilization: 0.08, availability: 0.999999, range: range(36, 8, 13),
            findings: [finding('error', 'spof-zone', 'session_cache runs in one zone', 36), finding('warning', 'cache-no-ttl', 'no ttl', 36)] }),
        node({ id: 'product_cache', kind: 'cache', x: col(3), y: 140, instances: '×2', utilization: 0.41, range: range(41, 8, 13) }),
        node({ id: 'zk', kind: 'coordinator', x: col(4), y: 20, instances: '×3', range: range(46, 14, 2) }),
        node({ id: 'catalog#primary', node: 'catalog', title: 'catalog', kind: 'database', role: 'primary', engine: 'postgres', x: col(4), y: 150, height: 84,
            instances: '×1', utilization: 0.06, availability: 0.9999, range: range(50, 11, 7), group: 'catalog' }),
        node({ id: 'catalog#replica-1', node: 'catalog', title: 'catalog', kind: 'database', role: 'replica', engine: 'postgres', x: col(5), y: 150, height: 84,
            instances: '×3', utilization: 0.14, range: range(50, 11, 7), group: 'catalog' }),
        node({ id: 'orders', kind: 'database', engine: 'mysql', x: col(3), y: 300, height: 84, instances: '16 shards × 2', utilization: 0.11, availability: 0.9995, range: range(69, 11, 6),
            findings: [finding('info', 'shard-global-table', 'countries is copied to every shard', 79)] }),
        node({ id: 'carts', kind: 'database', engine: 'mysql', x: col(3), y: 430, height: 84, instances: '×2 multi-master', utilization: 0.09, range: range(81, 11, 5) }),
        node({ id: 'jobs', kind: 'queue', x: col(3), y: 560, instances: '×3', range: range(92, 8, 4) }),
        node({ id: 'mailer', kind: 'worker', x: col(4), y: 560, instances: '×2', utilization: 0.3, range: range(93, 9, 6) })
    ];
    const scene: Scene = {
        system: 'Shop', hash: 'hand-shop', width: col(6) - 30, height: 660, zones: ['us_east', 'us_west'], nodes,
        groups: [{ id: 'catalog', kind: 'replication', node: 'catalog', title: 'catalog · primary_replica', x: col(4) - 12, y: 120, width: 454, height: 128, range: range(50, 11, 7) }],
        edges: [],
        sources: []
    };
    scene.edges = [
        edge(scene, 'front', 'assets'), edge(scene, 'front', 'edge'), edge(scene, 'edge', 'web'),
        edge(scene, 'web', 'session_cache', { kind: 'session', id: 'web~session_cache' }), edge(scene, 'web', 'product_cache'),
        edge(scene, 'product_cache', 'catalog#primary'),
        edge(scene, 'web', 'orders', { share: 0.3 }), edge(scene, 'web', 'carts', { share: 0.2 }), edge(scene, 'web', 'jobs', { share: 0.05 }),
        edge(scene, 'jobs', 'mailer'),
        edge(scene, 'catalog#primary', 'catalog#replica-1', { kind: 'replication', label: '200 ms', id: 'catalog:repl' }),
        { id: 'zk-arbiter', from: 'zk', to: 'catalog#primary', kind: 'arbiter', points: [{ x: col(4) + 90, y: 96 }, { x: col(4) + 90, y: 150 }] }
    ];
    return scene;
}

export const HOSTILE = '<script>alert(1)</script>';
export const HOSTILE_ATTR = '" onload="alert(2)';

/** Markup and quotes in every user string the scene carries. */
export function hostileScene(): Scene {
    const evil = node({
        id: `${HOSTILE}#'x'`, node: HOSTILE_ATTR, title: `${HOSTILE} & co`, kind: '"><img src=x onerror=alert(3)>', engine: `${HOSTILE_ATTR} <b>`,
        instances: '<i>×3</i>', zones: [HOSTILE, `'z' & "q"`], x: 20, y: 40, width: 220,
        estimates: [`load ${HOSTILE}`],
        findings: [finding('error', 'r<1>', `message ${HOSTILE}`, 3), finding('warning', `"quoted"`, HOSTILE_ATTR, 4)]
    });
    const other = node({ id: 'plain', kind: 'service', x: 320, y: 40 });
    const scene: Scene = {
        system: `${HOSTILE} "sys"`, hash: 'hostile', width: 520, height: 200, zones: [HOSTILE, `'z' & "q"`], nodes: [evil, other],
        groups: [{ id: HOSTILE, kind: 'shards', node: HOSTILE_ATTR, title: `${HOSTILE} shards`, x: 10, y: 10, width: 250, height: 130, range: range(2) }],
        edges: [],
        sources: []
    };
    scene.edges = [edge(scene, evil.id, 'plain', { share: 0.25, label: `lag ${HOSTILE}`, id: HOSTILE_ATTR, from: HOSTILE_ATTR, to: HOSTILE })];
    scene.edges[0].points = edge(scene, evil.id, 'plain').points;
    return scene;
}

/** `count` services in a grid, each calling the next, every fifth with findings: the redraw benchmark's scene. */
export function gridScene(count: number): Scene {
    const perRow = Math.ceil(Math.sqrt(count));
    const nodes: SceneNode[] = [];
    for (let i = 0; i < count; i++) {
        const kinds = ['service', 'database', 'cache', 'queue', 'worker', 'balancer'];
        nodes.push(node({
            id: `n${i}`, kind: kinds[i % kinds.length], x: 20 + (i % perRow) * 230, y: 20 + Math.floor(i / perRow) * 130, instances: `×${1 + (i % 4)}`,
            engine: i % 6 === 1 ? 'postgres' : undefined, utilization: (i % 10) / 10, availability: 0.999, zones: i % 2 ? ['a', 'b'] : ['a'],
            range: range(i + 1), estimates: [`load ${i * 10} rps`],
            findings: i % 5 === 0 ? [finding('warning', 'w', `warning on n${i}`, i + 1), finding('error', 'e', `error on n${i}`, i + 1)] : []
        }));
    }
    const scene: Scene = { system: `Grid ${count}`, hash: `grid-${count}`, width: perRow * 230 + 20, height: Math.ceil(count / perRow) * 130 + 20, zones: ['a', 'b'], nodes, groups: [], edges: [], sources: [] };
    for (let i = 0; i + 1 < count; i++) scene.edges.push(edge(scene, `n${i}`, `n${i + 1}`, { share: i % 3 === 0 ? 0.5 : undefined }));
    return scene;
}
