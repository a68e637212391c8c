/**
 * DiagramInput → Mermaid flowchart text, for design docs (the Markdown export
 * embeds it) and for anyone who pastes it into a Mermaid renderer. Pure and
 * deterministic: nodes in declaration order, edges in source order.
 *
 * Node ids are generated (`n0`, `n1`, ... in declaration order; members of a
 * replicated node `n3m0`, `n3m1`, ...): never user text, which could close a
 * shape, start an edge or name a keyword (`end`). Every label is quoted and
 * escaped by `mermaidText`.
 */
import { formatDuration, formatPercent, formatRate } from '../present/numbers.js';
import type { NodeKind, Replication, TopologyNode } from '../model/topology.js';
import type { DiagramFinding, DiagramInput } from './diagram-input.js';
import type { Severity } from './scene.js';

/** Replicas (or masters) drawn one by one; the rest are folded into one member box. */
const MAX_MEMBERS_DRAWN = 3;

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
const BADGE: Record<Severity, string> = { error: '✖', warning: '⚠', info: 'ℹ' };

/** Class names (not the bare severity words: `error` is a common class in host page styles). */
export const SEVERITY_CLASS: Record<Severity, string> = { error: 'finding_error', warning: 'finding_warning', info: 'finding_info' };

const CLASS_DEFS: Record<Severity, string> = {
    error: 'fill:#fdecea,stroke:#c62828,stroke-width:3px,color:#222',
    warning: 'fill:#fff4e5,stroke:#e65100,stroke-width:2px,color:#222',
    info: 'fill:#e8f0fe,stroke:#1565c0,stroke-width:1px,color:#222'
};

/** Opening and closing of each kind's shape (the label goes between, quoted). */
const SHAPES: Record<NodeKind, [string, string]> = {
    dns: ['((', '))'],
    cdn: ['([', '])'],
    balancer: ['[/', '\\]'],
    service: ['[', ']'],
    cache: ['(', ')'],
    queue: ['>', ']'],
    worker: ['[[', ']]'],
    database: ['[(', ')]'],
    coordinator: ['{{', '}}'],
    storage: ['[/', '/]'],
    search: ['[\\', '\\]'],
    external: ['>', ']']
};

/**
 * Characters replaced by Mermaid entity codes (`#quot;`, `#35;`): what could end
 * the quoted label or turn it into markup (`"`, `<`, `>`, `&`, backticks start
 * a Markdown string), what Mermaid reads even inside quotes (`#` starts an
 * entity, `%%` a directive or comment, which Mermaid strips from anywhere in
 * the text), and shape and edge punctuation (for renderers with looser lexers).
 */
const SPECIAL = /["<>&#`[\](){}|%\\]/g;
const NAMED: Record<string, string> = { '"': 'quot', '<': 'lt', '>': 'gt', '&': 'amp' };

/**
 * Mermaid carries entities through its pipeline as `ﬂ°` (`&`), `ﬂ°°` (`&#`) and
 * `¶ß` (`;`) and turns those pairs back into `&` and `;` at the very end, after
 * the text has been decoded once: typed as is, `ﬂ°lt¶ß` would be drawn as `<`.
 * A word joiner (invisible) splits each pair; entity codes would not help,
 * they are decoded before that last step.
 */
const PLACEHOLDER = /(ﬂ)(°)|(¶)(ß)/g;

/** Untrusted text as literal label text inside Mermaid double quotes, on one line. */
export function mermaidText(text: string): string {
    return text
        // A line break or control character would end the statement: one space instead.
        .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ')
        .replace(PLACEHOLDER, (_, a?: string, b?: string, c?: string, d?: string) => `${a ?? c}\u2060${b ?? d}`)
        .replace(SPECIAL, ch => `#${NAMED[ch] ?? ch.codePointAt(0)};`);
}

/** Lines of a label joined by Mermaid's line break (our markup; every line is escaped). */
function label(lines: readonly string[]): string {
    return `"${lines.map(mermaidText).join('<br>')}"`;
}

/** Kinds usually bought as a managed service: no count unless the model gives one. */
const MANAGED: ReadonlySet<NodeKind> = new Set(['dns', 'cdn', 'storage']);

function instancesText(node: TopologyNode): string {
    const i = node.instances;
    if (node.kind === 'external') return 'external';
    if (node.managed) return 'managed';
    if (!i.declared && MANAGED.has(node.kind)) return '';
    if (i.autoscale) return `autoscale ${i.min}..${i.max}`;
    return i.mode === 'active_passive' ? `×${i.max} active/passive` : `×${i.max}`;
}

function replicationText(replication: Replication): string {
    const failover = replication.failover.declared
        ? ` · failover ${replication.failover.method}${replication.failover.arbiter ? ` ${replication.failover.arbiter}` : ''}`
        : '';
    return `${replication.topology} · ${replication.mode}${failover}`;
}

function badgesText(counts: Record<Severity, number>): string | undefined {
    const parts = SEVERITIES.filter(s => counts[s] > 0).map(s => `${BADGE[s]} ${counts[s]}`);
    return parts.length > 0 ? parts.join('  ') : undefined;
}

/** What a node's box (or a replicated node's group title) says, one entry per line. */
function nodeLines(node: TopologyNode, counts: Record<Severity, number>): string[] {
    const lines = [node.label ?? node.name];
    lines.push([node.kind + (node.label !== undefined ? ` ${node.name}` : ''), node.engine].filter(Boolean).join(' · '));
    // A replicated node's instances are its members, drawn inside the group.
    if (!node.replication) lines.push([instancesText(node), node.zones.length > 0 ? `zones ${node.zones.join(', ')}` : ''].filter(Boolean).join(' · '));
    else if (node.zones.length > 0) lines.push(`zones ${node.zones.join(', ')}`);
    if (node.shards) lines.push(`${node.shards.count} shards by ${node.shards.strategy}`);
    if (node.replication) lines.push(replicationText(node.replication));
    const badges = badgesText(counts);
    if (badges) lines.push(badges);
    return lines.filter(line => line !== '');
}

interface Member { id: string; text: string }

/** The boxes inside a replicated node's group: the primary and its replicas (or standbys), or the masters. */
function members(id: string, replication: Replication): Member[] {
    const multi = replication.topology === 'multi_master';
    const role = multi ? 'master' : replication.topology === 'primary_backup' ? 'standby' : 'replica';
    // multi_master counts every node; the others count the copies besides the primary.
    const copies = Math.max(0, Math.floor(replication.replicas));
    const list: Member[] = multi ? [] : [{ id: `${id}m0`, text: 'primary' }];
    const numbered = Math.min(copies, copies > MAX_MEMBERS_DRAWN ? MAX_MEMBERS_DRAWN - 1 : MAX_MEMBERS_DRAWN);
    for (let i = 1; i <= numbered; i++) list.push({ id: `${id}m${list.length}`, text: `${role} ${i}` });
    if (copies > numbered) list.push({ id: `${id}m${list.length}`, text: `${role}s ${numbered + 1}..${copies}` });
    // \`multi_master { replicas 0 }\` (an error the validator reports) still draws a box, so the group is not empty.
    if (list.length === 0) list.push({ id: `${id}m0`, text: `no ${role}s` });
    return list;
}

function replicationEdges(group: Member[], replication: Replication): string[] {
    const lag = `${replication.mode}${replication.lagMs !== undefined ? ` · lag ${formatDuration(replication.lagMs)}` : ''}`;
    if (replication.topology === 'multi_master') {
        // Masters replicate to each other: a chain of two-way dotted links is enough to read it (a full mesh is noise).
        const links: string[] = [];
        for (let i = 0; i + 1 < group.length; i++) links.push(`    ${group[i].id} <-. ${label([lag])} .-> ${group[i + 1].id}`);
        return links;
    }
    const [primary, ...copies] = group;
    return copies.map(copy => `    ${primary.id} -. ${label([lag])} .-> ${copy.id}`);
}

function memberShape(kind: NodeKind): [string, string] {
    return SHAPES[kind] ?? SHAPES.service;
}

function countsByNode(findings: readonly DiagramFinding[]): Map<string, Record<Severity, number>> {
    const counts = new Map<string, Record<Severity, number>>();
    for (const finding of findings) {
        if (!finding.node) continue;
        const entry = counts.get(finding.node) ?? { error: 0, warning: 0, info: 0 };
        entry[finding.severity]++;
        counts.set(finding.node, entry);
    }
    return counts;
}

export function toMermaid(input: DiagramInput): string {
    const { topology } = input;
    const ids = new Map(topology.nodes.map((node, i) => [node.name, `n${i}`]));
    const counts = countsByNode(input.findings);
    const none: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
    const lines = ['flowchart LR'];

    for (const node of topology.nodes) {
        const id = ids.get(node.name)!;
        const text = nodeLines(node, counts.get(node.name) ?? none);
        if (!node.replication) {
            const [open, close] = SHAPES[node.kind] ?? SHAPES.service;
            lines.push(`  ${id}${open}${label(text)}${close}`);
            continue;
        }
        // A replicated node is a group whose id is the node's: edges and the severity class attach to the whole group.
        const group = members(id, node.replication);
        const [open, close] = memberShape(node.kind);
        lines.push(`  subgraph ${id}[${label(text)}]`);
        for (const member of group) lines.push(`    ${member.id}${open}${label([member.text])}${close}`);
        lines.push(...replicationEdges(group, node.replication));
        lines.push('  end');
    }

    // Clients: where the load comes from, with their peaks (a stadium shape).
    topology.clients.forEach((client, i) => {
        const id = `c${i}`;
        ids.set(client.name, id);
        const peak = client.peakRps !== undefined && Number.isFinite(client.peakRps) ? [`peak ${formatRate(client.peakRps)}`] : [];
        lines.push(`  ${id}([${label([client.label ?? client.name, 'client', ...peak])}])`);
    });
    const queues = new Set(topology.nodes.filter(node => node.kind === 'queue').map(node => node.name));
    for (const edge of [...topology.clients.flatMap(client => client.edges), ...topology.edges]) {
        const from = ids.get(edge.from);
        const to = ids.get(edge.to);
        if (!from || !to) continue;
        const words = [
            ...(edge.share < 1 ? [formatPercent(edge.share)] : []),
            ...(edge.fanOut === undefined ? [] : [edge.fanOut === 'each' ? 'each' : `${edge.fanOut}x`]),
            ...(edge.carries ? [edge.carries] : [])
        ];
        // Into a queue the request ends at the enqueue: a dotted arrow, as asynchronous work.
        const arrow = queues.has(edge.to) ? '-.->' : '-->';
        lines.push(words.length > 0 ? `  ${from} ${arrow}|${label([words.join(' ')])}| ${to}` : `  ${from} ${arrow} ${to}`);
    }
    // References that carry no requests of their own (or not along an edge): dotted.
    for (const node of topology.nodes) {
        const store = node.sessions?.mode === 'store' ? node.sessions.store : undefined;
        if (store && ids.has(store)) lines.push(`  ${ids.get(node.name)} -. ${label(['sessions store'])} .-> ${ids.get(store)}`);
        const arbiter = node.replication?.failover.arbiter;
        if (arbiter && ids.has(arbiter)) lines.push(`  ${ids.get(node.name)} -. ${label(['failover arbiter'])} .-> ${ids.get(arbiter)}`);
    }

    for (const severity of SEVERITIES) lines.push(`  classDef ${SEVERITY_CLASS[severity]} ${CLASS_DEFS[severity]}`);
    for (const severity of SEVERITIES) {
        // Each node takes the class of its most severe finding.
        const marked = topology.nodes
            .filter(node => {
                const c = counts.get(node.name);
                return c !== undefined && SEVERITIES.find(s => c[s] > 0) === severity;
            })
            .map(node => ids.get(node.name)!);
        if (marked.length > 0) lines.push(`  class ${marked.join(',')} ${SEVERITY_CLASS[severity]}`);
    }
    return lines.join('\n') + '\n';
}
