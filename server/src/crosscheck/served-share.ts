/**
 * The share of requests served, for one state of the system (which units are up, who is primary):
 * what the failure simulation integrates over time. A request is served when every call it makes
 * is served; since each call is taken on its own, the expected served share of a node's requests is
 * its own served share times, per call, (1 − share + share × the callee's served share). The same
 * holds where paths meet again (every node's state is fixed at one instant), so one pass over the
 * nodes, callees first, gives it exactly.
 *
 * A call of the other class than its edge carries is not made (a factor of 1). N parallel calls (`Nx`)
 * each draw their own part and path below, independently in one state: the callee's share to the Nth
 * power. `each` calls every part: served only while all of them serve (a shard is up while any copy
 * is), and each call's path below on its own. What a `behind` cache flushes after the acknowledgement,
 * and what a `store` cache never sends, is on no request's path.
 */
import { CLASSES, READ, WRITE, type IndependentCall, type RequestClass, type Routing } from './request-paths.js';

/** Per class, per node: the share of that node's own requests the node serves (the first variant for callers that leave dead instances out). */
export interface NodeShares {
    served: Float64Array[];
    /** For callers that keep sending to dead instances (a balancer without health checks). */
    servedKeepingShare: Float64Array[];
}

export class ServedShare {
    /** [class][node]: share of requests arriving at the node whose whole synchronous path below is served, the node excluded. */
    private readonly below: Float64Array[];
    /** [node]: for a cache set aside when down, the share of reads served below it when every read goes on (none hits). */
    private readonly missesBelow: Float64Array;
    /** The dns's class mix: what its health checks see of a target. */
    private readonly classMix: Float64Array[];
    /** Each node's place in the routing's order (callers before callees). */
    private readonly position: Int32Array;
    /** Per node: the nodes that call it synchronously (their share below depends on it). */
    private readonly syncCallers: number[][];
    /** Per node: the queues whose jobs call it. */
    private readonly feedingQueues: number[][];
    private readonly stamp: Int32Array;
    private generation = 0;

    /** One per view of the failure simulation: it keeps that view's shares below each node between updates. */
    constructor(private readonly routing: Routing) {
        const count = routing.nodes.length;
        this.below = CLASSES.map(() => new Float64Array(count).fill(1));
        this.missesBelow = new Float64Array(count).fill(1);
        this.classMix = routing.nodes.map(({ index }) => {
            const read = routing.rates.total[READ][index], write = routing.rates.total[1][index];
            return read + write > 0 ? Float64Array.of(read / (read + write), write / (read + write)) : Float64Array.of(routing.readShare, 1 - routing.readShare);
        });
        this.position = new Int32Array(count);
        routing.order.forEach((node, i) => (this.position[node] = i));
        this.syncCallers = routing.nodes.map(() => []);
        this.feedingQueues = routing.nodes.map(() => []);
        for (const routed of routing.nodes) {
            const callees = new Set(routed.calls.flatMap(call => (call.kind === 'call' ? [call.to] : call.targets.map(target => target.to))));
            for (const callee of callees) (routed.isQueue ? this.feedingQueues : this.syncCallers)[callee].push(routed.index);
        }
        this.stamp = new Int32Array(count);
    }

    /** Recomputes every node's share below it for `shares`; then `system` and `jobs` read from it. */
    updateAll(shares: NodeShares): void {
        const order = this.routing.order;
        for (let o = order.length - 1; o >= 0; o--) this.recompute(order[o], shares);
    }

    /**
     * Recomputes what a change of the `changed` nodes' own shares reaches: the shares below the nodes
     * that call them, directly or not. Returns the queues whose jobs' figure may have changed.
     */
    updateFrom(shares: NodeShares, changed: readonly number[]): number[] {
        const generation = ++this.generation;
        const reached: number[] = [];
        const queues: number[] = [];
        for (const node of changed) {
            if (this.stamp[node] === generation) continue;
            this.stamp[node] = generation;
            reached.push(node);
        }
        for (let head = 0; head < reached.length; head++) {
            const node = reached[head];
            for (const queue of this.feedingQueues[node]) {
                if (this.stamp[queue] === generation) continue;
                // Marked as reached for its jobs only: a queue's callers do not depend on its consumers.
                this.stamp[queue] = generation;
                queues.push(queue);
            }
            for (const caller of this.syncCallers[node]) {
                if (this.stamp[caller] === generation) continue;
                this.stamp[caller] = generation;
                reached.push(caller);
            }
        }
        reached.sort((a, b) => this.position[b] - this.position[a]);
        for (const node of reached) {
            this.recompute(node, shares);
            if (this.routing.nodes[node].isQueue && !queues.includes(node)) queues.push(node);
        }
        return queues;
    }

    private recompute(node: number, shares: NodeShares): void {
        const routed = this.routing.nodes[node];
        const below = this.below;
        if (routed.isQueue) return; // the request ends at the enqueue: nothing below it
        const onwardRead = routed.readPassOn > 0 || routed.fallsBack ? this.callsServed(node, READ, shares) : 1;
        below[READ][node] = 1 - routed.readPassOn + routed.readPassOn * onwardRead;
        this.missesBelow[node] = onwardRead;
        // A `behind` cache's writes are done at the acknowledgement (the flush is later work); a `store` sends none on.
        below[WRITE][node] = routed.writePass === 'sync' ? this.callsServed(node, WRITE, shares) : 1;
    }

    /** The share of all requests served: each source's calls, by its share of the requests and its read share. */
    system(shares: NodeShares): number {
        const { sources } = this.routing;
        if (sources.length === 0) return 1;
        let served = 0;
        for (const source of sources) {
            served += source.weight * (source.readShare * this.listServed(source.calls, READ, shares) + (1 - source.readShare) * this.listServed(source.calls, WRITE, shares));
        }
        return served;
    }

    /** The share of a queue's jobs (of class c) whose consumers' path is served. */
    jobs(queue: number, c: RequestClass, shares: NodeShares): number {
        return this.callsServed(queue, c, shares);
    }

    private callsServed(at: number, c: RequestClass, shares: NodeShares): number {
        let served = 1;
        for (const call of this.routing.nodes[at].calls) {
            if (call.kind === 'call') {
                served *= this.callServed(call, c, shares);
                continue;
            }
            served *= this.alternatives(at, call.targets, call.mode, c, shares);
            if (served === 0) return 0;
        }
        return served;
    }

    /** A source's calls (a source has no dns alternatives). */
    private listServed(calls: readonly IndependentCall[], c: RequestClass, shares: NodeShares): number {
        let served = 1;
        for (const call of calls) served *= this.callServed(call, c, shares);
        return served;
    }

    /** One call's factor: 1 − share + share × what the call (its N parallel calls) finds served. */
    private callServed(call: IndependentCall, c: RequestClass, shares: NodeShares): number {
        if (call.carries !== undefined && call.carries !== c) return 1;
        const share = call.share >= 1 ? 1 : call.share;
        // A session lookup reads the store, whatever the request.
        const cls = call.sessionLookup ? READ : c;
        let reached: number;
        if (call.parallel <= 1) {
            reached = this.through(call.to, cls, shares, call.keepsShare);
        } else if (call.each) {
            // Every part at once: the node serves all its parts (its served share is the share of its parts up, or a pool's 0 or 1).
            const own = (call.keepsShare ? shares.servedKeepingShare : shares.served)[cls][call.to];
            if (this.routing.nodes[call.to].fallsBack) {
                // Set aside where down: the parts up answer with what is below them, the others as misses.
                reached = cls === READ
                    ? Math.pow(this.below[READ][call.to], own * call.parallel) * Math.pow(this.missesBelow[call.to], (1 - own) * call.parallel)
                    : Math.pow(this.below[cls][call.to], call.parallel);
            } else {
                reached = own >= 1 ? Math.pow(this.below[cls][call.to], call.parallel) : 0;
            }
        } else {
            reached = Math.pow(this.through(call.to, cls, shares, call.keepsShare), call.parallel);
        }
        return 1 - share + share * reached;
    }

    private through(node: number, c: RequestClass, shares: NodeShares, keepsShare: boolean): number {
        const own = (keepsShare ? shares.servedKeepingShare : shares.served)[c][node];
        if (!this.routing.nodes[node].fallsBack) return own * this.below[c][node];
        // Set aside when down: what it cannot serve is read from the store as a miss; writes go to the store anyway.
        return c === READ ? own * this.below[READ][node] + (1 - own) * this.missesBelow[node] : this.below[c][node];
    }

    private alternatives(dns: number, targets: readonly { to: number; weight: number }[], mode: 'split' | 'split-healthy' | 'failover', c: RequestClass, shares: NodeShares): number {
        let weight = 0, served = 0;
        for (const target of targets) {
            if (mode === 'split') {
                served += target.weight * this.through(target.to, c, shares, false);
                continue;
            }
            if (this.lost(dns, target.to, shares)) continue;
            if (mode === 'failover') return this.through(target.to, c, shares, false);
            weight += target.weight;
            served += target.weight * this.through(target.to, c, shares, false);
        }
        if (mode === 'split') return served;
        return weight > 0 ? served / weight : 0;
    }

    /** A target is lost when none of the requests the dns sends it would be served (its whole stack, as a health check sees it). */
    private lost(dns: number, to: number, shares: NodeShares): boolean {
        const mix = this.classMix[dns];
        return mix[0] * this.through(to, READ, shares, false) + mix[1] * this.through(to, 1, shares, false) === 0;
    }
}
