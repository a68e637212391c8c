/**
 * An arbiter group gates the writes of every database it arbitrates (seed 003; node-availability.ts,
 * `arbiter-gated`): when the group loses its quorum, all of them stop taking writes at once. Each
 * database's own figure multiplies in the quorum's availability, which is right for that database alone;
 * multiplied together along a request that writes to two of them, the quorum's downtime counts twice
 * (docs/crosscheck.md, E10: examples/shop.arch with a zone lost, 99.714% against the cross-check's
 * 99.744%). Where one group gates two or more nodes on the request paths, the system figure conditions
 * on the group instead (served-share.ts `Gate`), with the nodes' figures taken without it.
 */
import type { Topology } from '../model/topology.js';
import type { Gate } from './served-share.js';

/**
 * The groups that gate two or more nodes on the paths (`onPaths`), with the quorum's availability
 * `quorumOf(group)`; a group whose availability is unknown gates nothing here.
 */
export function arbiterGates(topology: Topology, onPaths: ReadonlySet<string>, quorumOf: (group: string) => number | undefined): Gate[] {
    const gated = new Map<string, string[]>();
    for (const node of topology.nodes) {
        const failover = node.replication?.failover;
        // multi_master takes no failover, so no gate (node-availability.ts).
        if (failover?.method !== 'arbiter' || failover.arbiter === undefined || node.replication?.topology === 'multi_master' || !onPaths.has(node.name)) continue;
        gated.set(failover.arbiter, [...(gated.get(failover.arbiter) ?? []), node.name]);
    }
    const gates: Gate[] = [];
    for (const [name, nodes] of gated) {
        const up = quorumOf(name);
        if (nodes.length >= 2 && up !== undefined) gates.push({ name, up, gated: nodes });
    }
    return gates;
}
