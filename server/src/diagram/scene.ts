/**
 * The positioned scene: what the layout produces and every renderer reads
 * (the webview, the SVG and PNG exports). Plain JSON, so it crosses the LSP
 * connection and the layout worker unchanged. Coordinates are in pixels, the
 * origin top left; a child's coordinates are absolute, not relative to its group.
 *
 * Every string here that came from a `.arch` file (names, labels, engines,
 * messages) is untrusted text: renderers escape it.
 */
import type { SourceRange } from '../model/topology.js';

export type Severity = 'error' | 'warning' | 'info';

export interface Point {
    x: number;
    y: number;
}

export interface SceneFinding {
    ruleId: string;
    severity: Severity;
    message: string;
    range: SourceRange;
}

export interface SceneNode {
    /** Unique within the scene: the node's name, or `name#role-i` for a member drawn inside a group. */
    id: string;
    /** The `.arch` node this box stands for (members of a group share it). */
    node: string;
    kind: string;
    /** What the box says: the label, or the name. */
    title: string;
    engine?: string;
    /** "3..20", "×3", "×2 active/passive", "managed". */
    instances: string;
    /** Its place in a replication group: primary, replica, standby, master; or a shard group. */
    role?: 'primary' | 'replica' | 'standby' | 'master' | 'shard';
    zones: string[];
    utilization?: number;
    availability?: number;
    /** The node's estimates in words, one line each ("load 12,000 rps", "p99 41 ms"), for hover and tooltips. */
    estimates: string[];
    /** Counts of findings on this node, by severity. */
    badges: Record<Severity, number>;
    findings: SceneFinding[];
    /** Where to go in the source when the box is clicked: the node's name. */
    range: SourceRange;
    x: number;
    y: number;
    width: number;
    height: number;
    /** The group this box sits in, if any. */
    group?: string;
}

export interface SceneGroup {
    id: string;
    /** replication: a primary with its replicas, or multi-master peers; shards: the shard groups of a database. */
    kind: 'replication' | 'shards';
    node: string;
    title: string;
    x: number;
    y: number;
    width: number;
    height: number;
    range: SourceRange;
}

export interface SceneEdge {
    id: string;
    from: string;
    to: string;
    /** call: an edge of the model; session: `sessions store`; replication: inside a group; arbiter: `failover arbiter`. */
    kind: 'call' | 'session' | 'replication' | 'arbiter';
    /** Edge share as a fraction, shown when below 1; replication lag is in `label`. */
    share?: number;
    /** What else the edge says: `20x` or `each`, `reads` or `writes` (a call), `sessions`, `arbiter`. */
    label?: string;
    /** An edge into a queue: the caller's request ends at the enqueue (drawn dashed). */
    async?: boolean;
    /** The route, from the source's border to the target's border. */
    points: Point[];
    /** Centre of the label (share or lag), where the layout left room for it. */
    labelAt?: Point;
}

/** A stretch of the source that stands for a node: its whole declaration, or a place where it is named. */
export interface SceneSource {
    node: string;
    range: SourceRange;
}

export interface Scene {
    system: string;
    /** Hash of the model the scene was laid out from: same model, same scene (layout is cached by it). */
    hash: string;
    width: number;
    height: number;
    zones: string[];
    nodes: SceneNode[];
    groups: SceneGroup[];
    edges: SceneEdge[];
    /**
     * Where the drawn nodes are in the source, for the editor's cursor → box lookup: each node's whole
     * declaration and each place it is named (edges, `sessions store`, `failover arbiter`). The client
     * asks this instead of reading the text itself.
     */
    sources: SceneSource[];
}
