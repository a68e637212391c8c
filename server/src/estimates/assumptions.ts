/**
 * What the estimates rest on besides the model, as data: the defaults used
 * where the model is silent (ESTIMATES.md, "Defaults") and the notes on what
 * could not be estimated. present/assumptions.ts puts them into words; the
 * estimates never do, so a number in a note is formatted like every other.
 */

/** A default used because the model was silent, with the nodes it was used for (none for system-wide ones). */
export type DefaultUsed =
    | { input: 'read-share'; readShare: number; nodes: string[] }
    | { input: 'entry-split'; entries: string[]; nodes: string[] }
    | { input: 'instance-availability'; availability: number; nodes: string[] }
    | { input: 'managed-availability'; availability: number; nodes: string[] }
    | { input: 'external-availability'; availability: number; nodes: string[] }
    | { input: 'mtbf'; minutes: number; nodes: string[] }
    | { input: 'balancer-algorithm'; algorithm: string; nodes: string[] }
    | { input: 'replication-lag'; lagMs: number; nodes: string[] };

/** Why an estimate is missing or what it leaves out. */
export type EstimateNote =
    | { kind: 'no-peak' }
    | { kind: 'unusable-peak'; peakRps: number }
    | { kind: 'cycle-stops-load'; nodes: string[] }
    /** `serviceTimeOnly`: it declares a `latency`, which is then its latency without queueing. */
    | { kind: 'no-capacity'; node: string; serviceTimeOnly: boolean }
    | { kind: 'unusable-capacity'; node: string; capacityRps: number }
    | { kind: 'unusable-latency'; node: string; latencyMs: number }
    | { kind: 'queue-too-large'; node: string }
    /** A tier on the request paths the peak overloads: its latency is unbounded (null), and the end-to-end latency with it. */
    | { kind: 'overloaded'; node: string; utilization: number }
    /** Nodes on the request paths without `latency`: each visit counts 0 ms in the end-to-end latency (ESTIMATES.md, details). */
    | { kind: 'no-latency'; nodes: string[] }
    | { kind: 'stale-needs-lag-and-think'; node: string };

/** What tells two uses of the same input apart: its value. */
function valueOf(used: DefaultUsed): string {
    switch (used.input) {
        case 'read-share': return String(used.readShare);
        case 'entry-split': return used.entries.join('\n');
        case 'instance-availability':
        case 'managed-availability': return String(used.availability);
        case 'external-availability': return String(used.availability);
        case 'mtbf': return String(used.minutes);
        case 'balancer-algorithm': return used.algorithm;
        case 'replication-lag': return String(used.lagMs);
    }
}

/** The defaults of one run, each listed once with its nodes in first-use order. */
export class DefaultsUsed {
    private readonly byKey = new Map<string, { used: DefaultUsed; names: Set<string> }>();

    /** Records `used` (its `nodes` ignored) for `node`; the same input and value is one entry. */
    use(used: DefaultUsed, node?: string): void {
        const key = `${used.input}|${valueOf(used)}`;
        let entry = this.byKey.get(key);
        if (!entry) {
            entry = { used: { ...used, nodes: [] }, names: new Set() };
            this.byKey.set(key, entry);
        }
        if (node !== undefined && !entry.names.has(node)) {
            entry.names.add(node);
            entry.used.nodes.push(node);
        }
    }

    list(): DefaultUsed[] {
        return [...this.byKey.values()].map(entry => entry.used);
    }
}
