/**
 * The share of requests the overloaded tiers let through (ESTIMATES.md, "Capacity and latency": a tier at
 * ρ ≥ 1 cannot serve 1 − 1/ρ of what reaches it). A tier sheds what it cannot serve and passes on only
 * what it serves, so the tiers behind it see less: the load is carried again with each overloaded tier
 * passing on 1/ρ' of what reaches it, ρ' its utilization at the load that still reaches it (load.ts
 * `propagateLoad` with `serves`, callers first, so one pass settles it on acyclic paths). Each call is then
 * served with chance min(1, 1/ρ'), independently of the request's other calls, and the share of requests
 * served is served-share.ts's evaluation with those chances (no conditioning: a shed call says nothing of
 * the next call to the same tier).
 *
 * Why not Π(1 − reach × (1 − 1/ρ)) over the nominal ρ: a chain of web at 120% and read_api behind it at
 * 120% then reads 69% served, where web sheds a sixth and read_api, fed the rest, just keeps up: 83%.
 */
import type { TopologyGraph } from '../model/graph.js';
import { propagateLoad, total, type Flow, type LoadResult } from './load.js';
import { servedShare, type RequestPaths } from './served-share.js';

export interface OverloadServed {
    /** Share of all requests the overloaded tiers let through (1 when none is overloaded). */
    served: number;
    /**
     * Each tier that sheds requests at the load that still reaches it, most first: `unserved` the share of all
     * requests it cannot serve, `shed` the share of what reaches it, `utilization` its ρ at that load.
     */
    byTier: { node: string; unserved: number; shed: number; utilization: number }[];
}

const NONE: OverloadServed = { served: 1, byTier: [] };

/**
 * `utilization`: each node's ρ at the full load of `shares` (the same propagation at a peak of 1, whose
 * arrivals are shares of all requests). Nodes off the request paths (`paths`) shed nothing a request waits on.
 */
export function overloadServed(graph: TopologyGraph, paths: RequestPaths, shares: LoadResult, utilization: ReadonlyMap<string, number>): OverloadServed {
    const onPaths = new Set(paths.order);
    // An aside cache sheds nothing: what it cannot answer its callers read from the store as misses (its
    // overload is cap-overload's finding, and the store's extra load cap-cold-cache's).
    const overloaded = [...utilization].filter(([name, rho]) => rho > 1 && onPaths.has(name) && !paths.fallsBack.has(name));
    if (overloaded.length === 0) return NONE;
    const nominal = new Map(overloaded);
    const passes = new Map<string, number>();
    const carried = propagateLoad(graph, 1, undefined, (name: string, arriving: Flow) => {
        const rho = nominal.get(name);
        const full = rho === undefined ? undefined : shares.arriving.get(name);
        if (rho === undefined || !full || !(total(full) > 0)) return 1;
        const at = rho * (total(arriving) / total(full));
        if (!(at > 1)) return 1;
        passes.set(name, 1 / at);
        return 1 / at;
    });
    if (passes.size === 0) return NONE;
    const plain: RequestPaths = { ...paths, conditioned: [], local: new Map() };
    const served = servedShare(plain, name => {
        const pass = passes.get(name) ?? 1;
        // A tier that sheds is up: a DNS that checks its targets does not send the shed calls elsewhere.
        return { reads: pass, writes: pass, any: 1 };
    }).served;
    const byTier = [...passes].map(([node, pass]) => ({
        node,
        unserved: Math.min(1, total(carried.arriving.get(node) ?? { reads: 0, writes: 0 })) * (1 - pass),
        shed: 1 - pass,
        utilization: 1 / pass
    })).sort((a, b) => b.unserved - a.unserved);
    return { served, byTier };
}
