/**
 * Topologies as plain objects, for the cross-check's tests: only what a test states, the rest as the
 * builder from `.arch` text would fill it (one instance, no zones, default failover).
 */
import type { Edge, Instances, NodeKind, Replication, SourceRange, Topology, TopologyNode, Traffic } from '../../server/src/model/topology.js';

const NOWHERE: SourceRange = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export interface NodeSpec extends Partial<Omit<TopologyNode, 'instances' | 'replication'>> {
    name: string;
    kind: NodeKind;
    instances?: number | Partial<Instances>;
    replication?: Partial<Omit<Replication, 'failover'>> & { failover?: { method: Replication['failover']['method']; arbiter?: string } };
}

export interface TopologySpec {
    traffic?: Partial<Omit<Traffic, 'range'>>;
    zones?: string[];
    nodes: NodeSpec[];
    /** [from, to, share (default 1)]. */
    edges?: [string, string, number?][];
}

export function buildTopology(spec: TopologySpec): Topology {
    return {
        name: 'Test',
        range: NOWHERE,
        nameRange: NOWHERE,
        traffic: spec.traffic ? { ...spec.traffic, range: NOWHERE } : undefined,
        zones: (spec.zones ?? []).map(name => ({ name, range: NOWHERE })),
        nodes: spec.nodes.map(node),
        edges: (spec.edges ?? []).map(([from, to, share]): Edge => ({ from, to, share: share ?? 1, range: NOWHERE })),
        clients: [],
        scenarios: [],
        mentions: [],
        allows: []
    };
}

function node(spec: NodeSpec): TopologyNode {
    const { instances, replication, ...rest } = spec;
    const count = typeof instances === 'number' ? instances : undefined;
    const fullInstances: Instances = typeof instances === 'object'
        ? { min: 1, max: 1, autoscale: false, mode: 'active_active', declared: true, ...instances }
        : { min: count ?? 1, max: count ?? 1, autoscale: false, mode: 'active_active', declared: count !== undefined };
    return {
        zones: [],
        sticky: false,
        managed: false,
        tables: [],
        range: NOWHERE,
        nameRange: NOWHERE,
        props: {},
        ...rest,
        instances: fullInstances,
        replication: replication
            ? {
                topology: 'primary_replica',
                replicas: 1,
                mode: 'async',
                declared: {},
                range: NOWHERE,
                ...replication,
                failover: { method: 'manual', declared: replication.failover !== undefined, ...replication.failover }
            }
            : undefined
    };
}
