/**
 * Stateful tiers (RULES.md): state-*. All three are about `sessions local`:
 * session state kept in one instance's memory, which only works while every
 * request of a user reaches that same instance and that instance lives.
 *
 * A balancer is sticky when it says `sticky on` or routes by `algorithm
 * ip_hash` (the client's address picks the instance, which pins users too).
 * "Behind a balancer" means a balancer has an edge to the node.
 */
import type { Topology, TopologyNode } from '../model/topology.js';
import { fix, replaceRange, setProperty } from './fixes.js';
import { formatPercent } from '../present/numbers.js';
import type { Fix, Rule, RuleFinding } from './rule.js';
import { stateCacheAsStore } from './cache-as-store.js';

const FAMILY = 'Stateful tiers';

/** At most this many `sessions store X` fixes, so the quick-fix menu stays short. */
const MAX_STORE_FIXES = 3;

export function isSticky(balancer: TopologyNode): boolean {
    return balancer.sticky || balancer.algorithm === 'ip_hash';
}

function stickyHow(balancer: TopologyNode): string {
    return balancer.sticky ? 'sticky on' : 'algorithm ip_hash';
}

/** Nodes with local sessions and their Sessions property. */
function localSessionNodes(topology: Topology): (TopologyNode & { sessions: NonNullable<TopologyNode['sessions']> })[] {
    return topology.nodes.filter((node): node is TopologyNode & { sessions: NonNullable<TopologyNode['sessions']> } =>
        node.sessions?.mode === 'local');
}

/** Instances that take requests at the low point: active_passive serves from one at a time. */
function servingMin(node: TopologyNode): number {
    return node.instances.mode === 'active_passive' ? 1 : node.instances.min;
}

/** More than one instance takes requests at some point, so requests can be spread over them. */
function servesFromSeveral(node: TopologyNode): boolean {
    return node.instances.autoscale || (node.instances.mode === 'active_active' && node.instances.max > 1);
}

/** "4 instances" or "autoscale 3..20". */
function countText(node: TopologyNode): string {
    return node.instances.autoscale ? `autoscale ${node.instances.min}..${node.instances.max}` : `${node.instances.max} instances`;
}

/** Move the state out of the instance: into a cookie, or into a cache every instance reads. */
function sessionFixes(node: TopologyNode & { sessions: NonNullable<TopologyNode['sessions']> }, topology: Topology): Fix[] {
    const fixes = [fix(`Keep ${node.name}'s sessions in a signed cookie`, replaceRange(node.sessions.range, 'sessions cookie'))];
    const caches = topology.nodes.filter(other => other.kind === 'cache' && other !== node).slice(0, MAX_STORE_FIXES);
    for (const cache of caches) {
        fixes.push(fix(`Keep ${node.name}'s sessions in ${cache.name}`, replaceRange(node.sessions.range, `sessions store ${cache.name}`)));
    }
    return fixes;
}

export const stateLocalSessions: Rule = {
    id: 'state-local-sessions',
    family: FAMILY,
    defaultSeverity: 'error',
    title: 'Local sessions on several instances behind a balancer without session affinity.',
    check({ topology, graph }) {
        return localSessionNodes(topology).flatMap((node): RuleFinding[] => {
            if (!servesFromSeveral(node)) return [];
            const scattering = graph.balancersInFront(node.name).filter(balancer => !isSticky(balancer));
            if (scattering.length === 0) return [];
            // Autoscale 1..N still spreads requests as soon as a second instance starts.
            const n = Math.max(2, servingMin(node));
            const atLeast = servingMin(node) < 2 ? ' as soon as it runs 2' : '';
            const names = scattering.map(balancer => balancer.name).join(', ');
            const fixes = sessionFixes(node, topology);
            fixes.push(fix(`Turn on sticky sessions on ${names}`,
                ...scattering.map(balancer => setProperty(balancer, 'sticky', 'sticky on'))));
            return [{
                node: node.name,
                range: node.sessions.range,
                message: `${node.name} keeps sessions local on each instance (${countText(node)}), but ${names} spread${scattering.length === 1 ? 's' : ''} requests without affinity (sticky off): about ${formatPercent((n - 1) / n)} ((n−1)/n, n = ${n}${atLeast}) of a user's requests land on an instance that does not hold their session, so users are logged out or lose their cart at random.`,
                fixes
            }];
        });
    }
};

export const stateStickySessions: Rule = {
    id: 'state-sticky-sessions',
    family: FAMILY,
    defaultSeverity: 'warning',
    title: 'Local sessions behind a sticky balancer: losing an instance logs out its users.',
    check({ topology, graph }) {
        return localSessionNodes(topology).flatMap((node): RuleFinding[] => {
            if (!servesFromSeveral(node)) return [];
            const sticky = graph.balancersInFront(node.name).filter(isSticky);
            if (sticky.length === 0) return [];
            const n = Math.max(2, servingMin(node));
            const how = sticky.map(balancer => `${balancer.name} (${stickyHow(balancer)})`).join(', ');
            return [{
                node: node.name,
                range: node.sessions.range,
                message: `${node.name} keeps sessions local and relies on sticky balancing by ${how}: each user is pinned to one of its instances (${countText(node)}), so when an instance fails, is redeployed or removed, its users (about ${formatPercent(1 / n)}, 1/${n}) are logged out, and users pinned together can overload one instance while others idle.`,
                fixes: sessionFixes(node, topology)
            }];
        });
    }
};

export const stateAutoscaledLocal: Rule = {
    id: 'state-autoscaled-local',
    family: FAMILY,
    defaultSeverity: 'error',
    title: 'An autoscaled node keeps sessions local: scaling in destroys sessions.',
    check({ topology }) {
        return localSessionNodes(topology).flatMap((node): RuleFinding[] => {
            if (!node.instances.autoscale) return [];
            const { min, max } = node.instances;
            const loss = max > min
                ? `; scaling from ${max} down to ${min} instances destroys about ${formatPercent((max - min) / max)} ((${max}−${min})/${max}) of the sessions`
                : '';
            return [{
                node: node.name,
                range: node.sessions.range,
                message: `${node.name} autoscales (${min}..${max}) and keeps sessions local: each scale-in stops instances together with the sessions in their memory, logging those users out${loss}.`,
                fixes: sessionFixes(node, topology)
            }];
        });
    }
};

export const STATEFUL_TIER_RULES: readonly Rule[] = [stateLocalSessions, stateStickySessions, stateAutoscaledLocal, stateCacheAsStore];
