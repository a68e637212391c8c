/**
 * Zones and nodes held down for a whole run (a `scenario`'s `fail`), as the simulator places instances: a
 * node's instance (or copy) i sits in its declared zone i mod m, so the first zones hold ⌈n/m⌉ of them.
 * A zone held down takes the instances in it; a node that declares no zone, in a system that declares
 * some, is in one of them and goes with any; a managed or external service goes only when every zone it
 * declares is down; an autoscaled tier with a zone left relaunches there what a zone took (no replication).
 * A node named is down whole. Written apart from the estimates' scenario-conditions.ts, so the two cannot
 * share a mistake.
 */
import { isWholeService, type TopologyNode } from '../model/topology.js';

export interface HeldDown {
    zones: readonly string[];
    nodes: readonly string[];
}

/** For each of `count` instances (or copies) of `node`, whether it is held down. */
export function heldInstances(node: TopologyNode, count: number, down: HeldDown | undefined, systemZones: readonly string[]): boolean[] {
    const none = Array.from({ length: count }, () => false);
    if (!down) return none;
    if (down.nodes.includes(node.name)) return none.map(() => true);
    const zones = new Set(down.zones.filter(zone => systemZones.includes(zone)));
    if (zones.size === 0) return none;
    const declared = [...new Set(node.zones)];
    if (isWholeService(node)) return none.map(() => declared.length > 0 && declared.every(zone => zones.has(zone)));
    if (declared.length === 0) return none.map(() => true);
    if (node.instances.autoscale && !node.replication && declared.some(zone => !zones.has(zone))) return none;
    return none.map((_, i) => zones.has(declared[i % declared.length]));
}

/** A node's instances, or its copies when it is replicated (what a zone's loss is counted in). */
export function copiesOf(node: TopologyNode): number {
    if (!node.replication) return Math.max(1, node.instances.max);
    return node.replication.topology === 'multi_master' ? Math.max(1, node.replication.replicas) : node.replication.replicas + 1;
}

/** How many of the node's serving instances (or copies) are held down: what the request simulation leaves out. */
export function heldCount(node: TopologyNode, down: HeldDown | undefined, systemZones: readonly string[]): number {
    return heldInstances(node, copiesOf(node), down, systemZones).filter(Boolean).length;
}

/** The node with its held instances (or copies) gone, for the request simulation's stations (one at least). */
export function withoutHeld(node: TopologyNode, held: number): TopologyNode {
    if (held === 0) return node;
    if (node.replication) {
        const multi = node.replication.topology === 'multi_master';
        const left = Math.max(1, copiesOf(node) - held);
        return { ...node, replication: { ...node.replication, replicas: multi ? left : left - 1 } };
    }
    const max = Math.max(1, node.instances.max - held);
    return { ...node, instances: { ...node.instances, max, min: Math.min(node.instances.min, max) } };
}
