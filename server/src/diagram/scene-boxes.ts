/**
 * What the diagram draws, before layout: one box per plain node; a group of
 * member boxes for a replicated node (primary with replicas or standbys, or
 * the multi-master peers) and for a sharded database (its shard groups); the
 * edges between them (calls, `sessions store`, `failover arbiter`, and
 * replication inside a group). Pure: positions come from layout.ts.
 */
import type { NodeEstimate } from '../estimates/simulate.js';
import { formatAvailability, formatDuration, formatPercent, formatRate, formatRatio } from '../present/numbers.js';
import { isManaged, type Edge, type TopologyNode } from '../model/topology.js';
import { clientSources } from '../estimates/load.js';
import type { DiagramFinding, DiagramInput } from './diagram-input.js';
import type { SceneEdge, SceneFinding, SceneGroup, SceneNode, Severity } from './scene.js';

/** Members drawn per group at most; a larger group ends with one box that stands for the rest. */
export const MAX_DRAWN_MEMBERS = 4;

export type Box = Omit<SceneNode, 'x' | 'y' | 'width' | 'height'>;
export type GroupBox = Omit<SceneGroup, 'x' | 'y' | 'width' | 'height'> & { members: string[] };
export type EdgeBox = Omit<SceneEdge, 'points' | 'labelAt'>;

export interface SceneBoxes {
    boxes: Box[];
    groups: GroupBox[];
    edges: EdgeBox[];
}

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

function toSceneFinding(finding: DiagramFinding): SceneFinding {
    return { ruleId: finding.ruleId, severity: finding.severity, message: finding.message, range: finding.range };
}

function badgesOf(findings: readonly SceneFinding[]): Record<Severity, number> {
    const badges: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
    for (const finding of findings) badges[finding.severity]++;
    return badges;
}

/** "3..20", "×3", "×2 active/passive", "managed", "external": what the box says about its count. */
function instancesText(node: TopologyNode): string {
    if (node.kind === 'external') return 'external';
    if (isManaged(node)) return 'managed';
    const { min, max, autoscale, mode } = node.instances;
    const count = autoscale && min !== max ? `${min}..${max}` : `×${max}`;
    return mode === 'active_passive' && max > 1 ? `${count} active/passive` : count;
}

/** The node's estimates in words, for hover and tooltips. */
function estimateLines(estimate: NodeEstimate | undefined): string[] {
    if (!estimate) return [];
    const lines: string[] = [];
    if (estimate.loadRps !== null) lines.push(`load ${formatRate(estimate.loadRps)}`);
    if (estimate.capacityRps !== null) lines.push(`capacity ${formatRate(estimate.capacityRps)}`);
    if (estimate.utilization !== null) lines.push(`utilization ${formatPercent(estimate.utilization)}`);
    if (estimate.utilizationOneLost !== null) lines.push(`utilization with one lost ${formatPercent(estimate.utilizationOneLost)}`);
    if (estimate.latencyMs) lines.push(`latency mean ${formatDuration(estimate.latencyMs.mean)}, p99 ${formatDuration(estimate.latencyMs.p99)}`);
    if (estimate.availability !== null) lines.push(`availability ${formatAvailability(estimate.availability)}`);
    if (estimate.shardSkew !== null) lines.push(`busiest shard ${formatRatio(estimate.shardSkew)}× the mean`);
    return lines;
}

/** Finite numbers only: an overloaded tier's ∞ is not drawn as a number. */
function finite(value: number | null | undefined): number | undefined {
    return value !== null && value !== undefined && Number.isFinite(value) ? value : undefined;
}

interface Member {
    id: string;
    role: NonNullable<SceneNode['role']>;
    title: string;
    instances: string;
}

/** The boxes a group draws for `count` members: the first few, then one that stands for the rest. */
function drawnMembers(node: TopologyNode, count: number, role: Member['role'], label: (i: number) => string, instances: string): Member[] {
    const members: Member[] = [];
    const drawn = Math.min(count, MAX_DRAWN_MEMBERS);
    for (let i = 1; i <= drawn; i++) {
        const rest = count - drawn;
        const last = i === drawn && rest > 0;
        members.push({
            id: `${node.name}#${role}-${i}`,
            role,
            title: last ? `${label(i)} … ${label(count)}` : label(i),
            instances: last ? `+${rest + 1} ${role === 'shard' ? 'shards' : 'copies'}` : instances
        });
    }
    return members;
}

function replicationMembers(node: TopologyNode): Member[] {
    const replication = node.replication!;
    const one = `×1`;
    if (replication.topology === 'multi_master') {
        return drawnMembers(node, Math.max(replication.replicas, 0), 'master', i => `master ${i}`, one);
    }
    const role = replication.topology === 'primary_backup' ? 'standby' : 'replica';
    const primary: Member = { id: `${node.name}#primary`, role: 'primary', title: 'primary', instances: one };
    return [primary, ...drawnMembers(node, Math.max(replication.replicas, 0), role, i => `${role} ${i}`, one)];
}

function shardMembers(node: TopologyNode): Member[] {
    const replication = node.replication;
    const copies = !replication ? '×1'
        : replication.topology === 'multi_master' ? `${replication.replicas} masters`
            : `primary + ${replication.replicas} ${replication.topology === 'primary_backup' ? 'standby' : 'replica'}${replication.replicas === 1 ? '' : 's'}`;
    return drawnMembers(node, node.shards!.count, 'shard', i => `shard ${i}`, copies);
}

function lagLabel(node: TopologyNode): string | undefined {
    const replication = node.replication;
    if (!replication) return undefined;
    const lag = replication.lagMs !== undefined ? `lag ${formatDuration(replication.lagMs)}` : undefined;
    return [replication.mode === 'sync' ? 'sync' : 'async', lag].filter(Boolean).join(', ');
}

/** The boxes, groups and edges of one system, in declaration order (layout is deterministic in it). */
export function sceneBoxes(input: DiagramInput): SceneBoxes {
    const { topology, estimates } = input;
    const estimateByName = new Map(estimates.nodes.map(estimate => [estimate.name, estimate]));
    const findingsByNode = new Map<string, SceneFinding[]>();
    for (const finding of input.findings) {
        if (!finding.node) continue;
        const list = findingsByNode.get(finding.node) ?? [];
        list.push(toSceneFinding(finding));
        findingsByNode.set(finding.node, list);
    }

    const boxes: Box[] = [];
    const groups: GroupBox[] = [];
    const edges: EdgeBox[] = [];
    /** Where edges to and from a node attach: the plain box, or its group. */
    const anchor = new Map<string, string>();

    for (const node of topology.nodes) {
        const estimate = estimateByName.get(node.name);
        const findings = (findingsByNode.get(node.name) ?? []).slice().sort(bySeverity);
        const base = {
            node: node.name,
            kind: node.kind,
            engine: node.engine,
            zones: node.zones.slice(),
            utilization: finite(estimate?.utilization),
            availability: finite(estimate?.availability),
            estimates: estimateLines(estimate),
            range: node.nameRange
        };
        const sharded = !!node.shards && node.shards.count > 1;
        const replicated = !sharded && !!node.replication;
        if (!sharded && !replicated) {
            boxes.push({ ...base, id: node.name, title: node.label ?? node.name, instances: instancesText(node), badges: badgesOf(findings), findings });
            anchor.set(node.name, node.name);
            continue;
        }
        const members = sharded ? shardMembers(node) : replicationMembers(node);
        groups.push({
            id: node.name,
            kind: sharded ? 'shards' : 'replication',
            node: node.name,
            title: groupTitle(node),
            range: node.nameRange,
            members: members.map(member => member.id)
        });
        anchor.set(node.name, node.name);
        members.forEach((member, i) => {
            // The node's findings and estimates sit on its first member, where the eye starts.
            const first = i === 0;
            boxes.push({
                ...base,
                id: member.id,
                title: member.title,
                instances: member.instances,
                role: member.role,
                utilization: first ? base.utilization : undefined,
                availability: first ? base.availability : undefined,
                estimates: first ? base.estimates : [],
                badges: badgesOf(first ? findings : []),
                findings: first ? findings : [],
                group: node.name
            });
        });
        if (replicated) edges.push(...replicationEdges(node, members));
    }

    // Clients: where load comes from, with their peaks (drawn first, so the layout puts them at the top).
    const sources = topology.clients.length > 0 ? clientSources(topology) : [];
    topology.clients.forEach((client, i) => {
        const peak = sources[i]?.peakRps;
        const read = sources[i]?.readShare;
        boxes.unshift({
            id: `client ${client.name}`, node: client.name, kind: 'client', title: client.label ?? client.name,
            instances: peak !== undefined && Number.isFinite(peak) ? formatRate(peak) : 'client',
            zones: [], estimates: [
                ...(peak !== undefined && Number.isFinite(peak) ? [`peak ${formatRate(peak)}`] : []),
                ...(read !== undefined ? [`reads ${formatPercent(read)}`] : [])
            ],
            badges: badgesOf([]), findings: [], range: client.nameRange
        });
        anchor.set(client.name, `client ${client.name}`);
    });
    const queues = new Set(topology.nodes.filter(node => node.kind === 'queue').map(node => node.name));
    const callEdge = (edge: Edge, id: string): void => {
        const from = anchor.get(edge.from);
        const to = anchor.get(edge.to);
        if (!from || !to) return;
        const words = [edge.fanOut === undefined ? undefined : edge.fanOut === 'each' ? 'each' : `${edge.fanOut}x`, edge.carries].filter(Boolean).join(' ');
        const async = queues.has(edge.to);
        edges.push({
            id, from, to, kind: 'call', share: edge.share < 1 ? edge.share : undefined,
            ...(words ? { label: words } : {}), ...(async ? { async: true } : {})
        });
    };
    topology.clients.forEach(client => client.edges.forEach((edge, i) => callEdge(edge, `client-${client.name}-${i}`)));
    topology.edges.forEach((edge, i) => callEdge(edge, `call-${i}`));
    for (const node of topology.nodes) {
        const store = node.sessions?.mode === 'store' ? node.sessions.store : undefined;
        if (store && anchor.has(store)) edges.push({ id: `session-${node.name}`, from: node.name, to: anchor.get(store)!, kind: 'session', label: 'sessions' });
        const arbiter = node.replication?.failover.method === 'arbiter' ? node.replication.failover.arbiter : undefined;
        // Drawn from the arbiter to what it arbitrates, so the coordinator sits just before it, beside its callers.
        if (arbiter && anchor.has(arbiter)) edges.push({ id: `arbiter-${node.name}`, from: anchor.get(arbiter)!, to: node.name, kind: 'arbiter', label: 'arbiter' });
    }
    return { boxes, groups, edges };
}

function bySeverity(a: SceneFinding, b: SceneFinding): number {
    return SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity);
}

function groupTitle(node: TopologyNode): string {
    const name = node.label ?? node.name;
    const parts: string[] = [];
    if (node.shards && node.shards.count > 1) parts.push(`${node.shards.count} shards by ${node.shards.strategy.replace('_', ' ')}`);
    // The lag goes in the title, not on an arrow: a label on one arrow would push its replica out of line.
    if (node.replication) parts.push(node.replication.topology.replace('_', ' '), lagLabel(node)!);
    return `${name} · ${parts.join(' · ')}`;
}

/** Primary → each replica or standby, or a chain over the masters (the mode and lag are in the group's title). */
function replicationEdges(node: TopologyNode, members: readonly Member[]): EdgeBox[] {
    const edges: EdgeBox[] = [];
    if (node.replication!.topology === 'multi_master') {
        for (let i = 0; i + 1 < members.length; i++) {
            edges.push({ id: `replication-${node.name}-${i}`, from: members[i].id, to: members[i + 1].id, kind: 'replication' });
        }
        return edges;
    }
    members.slice(1).forEach((member, i) => {
        edges.push({ id: `replication-${node.name}-${i}`, from: members[0].id, to: member.id, kind: 'replication' });
    });
    return edges;
}

