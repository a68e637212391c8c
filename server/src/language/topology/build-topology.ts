/**
 * AST → Topology. The only file of the model layer that reads Langium's AST,
 * and it reads types and source positions only. It is tolerant: a file with
 * parse or link errors still gives a Topology of whatever is well formed, so
 * the rest of a broken file keeps being checked.
 */
import { isReference, type AstNode, type CstNode } from 'langium';
import { referencesInOrder } from '../ast-walk.js';
import type * as ast from '../generated/ast.js';
import { collectAllows, type Declaration } from '../../model/allow-comments.js';
import type {
    Edge, Field, FieldType, Mention, NodeKind, SessionMode, PropertyName, Replication, Shards, SourceRange, Table, TableKind,
    Topology, TopologyNode, Traffic, CachePolicy, Client, Scenario, Targets
} from '../../model/topology.js';
import { durationMs, percentShare, rateRps } from '../../model/units.js';

const EMPTY_RANGE: SourceRange = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function rangeOf(node: { $cstNode?: CstNode } | undefined): SourceRange {
    const range = node?.$cstNode?.range;
    return range ? { start: { ...range.start }, end: { ...range.end } } : EMPTY_RANGE;
}

/** The first token of a CST node that is not a comment or white space. */
function firstVisibleLeaf(cst: CstNode | undefined): CstNode | undefined {
    if (!cst) return undefined;
    const children = (cst as { content?: CstNode[] }).content;
    if (!children) return cst.hidden ? undefined : cst;
    for (const child of children) {
        const leaf = firstVisibleLeaf(child);
        if (leaf) return leaf;
    }
    return undefined;
}

/** The last token of a CST node that is not a comment or white space. */
function lastVisibleLeaf(cst: CstNode | undefined): CstNode | undefined {
    if (!cst) return undefined;
    const children = (cst as { content?: CstNode[] }).content;
    if (!children) return cst.hidden ? undefined : cst;
    for (let i = children.length - 1; i >= 0; i--) {
        const leaf = lastVisibleLeaf(children[i]);
        if (leaf) return leaf;
    }
    return undefined;
}

/** The range from the first visible token to the end: leading comments are not part of a declaration. */
function declarationRange(node: { $cstNode?: CstNode }): SourceRange {
    // Built from Langium's range directly instead of through rangeOf's copy and then a second copy:
    // a 1,000-node model asks this ~10,000 times and the extra objects showed in buildTopology's profile.
    const range = node.$cstNode?.range;
    if (!range) return EMPTY_RANGE;
    const first = firstVisibleLeaf(node.$cstNode);
    return { start: { ...(first ? first.range.start : range.start) }, end: { ...range.end } };
}

/** The line `declarationRange(node)` starts on, without building the range (collectDeclarations needs only that). */
function declarationLine(node: { $cstNode?: CstNode }): number {
    const range = node.$cstNode?.range;
    if (!range) return EMPTY_RANGE.start.line;
    return (firstVisibleLeaf(node.$cstNode)?.range ?? range).start.line;
}

/**
 * The CST node of one assigned property of `node` (`name=Name` → 'name'), searching its own CST only,
 * breadth first. An index into the queue replaces `shift()` (linear per call), and children are pushed
 * in a loop instead of through `filter` and a spread, which allocated two arrays per CST node visited.
 */
function propertyCst(node: { $cstNode?: CstNode }, property: string): CstNode | undefined {
    const root = node.$cstNode;
    if (!root) return undefined;
    const queue: CstNode[] = [root];
    for (let head = 0; head < queue.length; head++) {
        const cst = queue[head];
        const assignment = cst.grammarSource?.$container as { $type?: string; feature?: string } | undefined;
        if (cst !== root && assignment?.$type === 'Assignment' && assignment.feature === property && cst.astNode === node) return cst;
        const children = (cst as { content?: CstNode[] }).content;
        if (!children) continue;
        for (const child of children) {
            if (child.astNode === node || child.astNode === undefined) queue.push(child);
        }
    }
    return undefined;
}

/** Range of the `name` property of a declaration, falling back to the whole declaration. */
function nameRangeOf(node: { $cstNode?: CstNode; name?: string }): SourceRange {
    const nameCst = propertyCst(node, 'name');
    return nameCst ? rangeOf({ $cstNode: nameCst }) : declarationRange(node);
}

/** Whether the CST node's text contains `{`, as `cst.text.includes('{')` says. */
function containsBrace(cst: CstNode): boolean {
    const at = cst.root.fullText.indexOf('{', cst.offset);
    return at !== -1 && at < cst.end;
}

function quantityMs(quantity: ast.Quantity | undefined): number | undefined {
    return durationMs(quantity?.value, quantity?.unit);
}

function quantityRps(quantity: ast.Quantity | undefined): number | undefined {
    return rateRps(quantity?.value, quantity?.unit);
}

function positiveInteger(value: number | undefined): number | undefined {
    return value !== undefined && Number.isInteger(value) && value >= 1 ? value : undefined;
}

function buildTraffic(traffic: ast.Traffic): Traffic {
    return { ...trafficValues(traffic.props), range: declarationRange(traffic) };
}

/** `peak`, `reads`, `keys`, `think` of a traffic block or a client. */
function trafficValues(props: readonly AstNode[]): Omit<Traffic, 'range'> {
    const result: Omit<Traffic, 'range'> = {};
    for (const prop of props as (ast.TrafficProp | ast.NodeProp)[]) {
        switch (prop.$type) {
            case 'Peak': result.peakRps = quantityRps(prop.rate); break;
            case 'Reads': result.readShare = percentShare(prop.share?.value); break;
            case 'Keys':
                result.keys = positiveInteger(prop.count);
                if (prop.zipf !== undefined && prop.zipf >= 0) result.zipf = prop.zipf;
                break;
            case 'Think': result.thinkMs = quantityMs(prop.time); break;
        }
    }
    return result;
}

function buildField(field: ast.Field): Field | undefined {
    if (!field.name || !field.type?.primitive) return undefined;
    return {
        name: field.name,
        type: field.type.primitive as FieldType,
        refTable: field.type.primitive === 'ref' ? field.type.table?.$refText : undefined,
        unique: field.unique,
        range: declarationRange(field)
    };
}

function buildTable(table: ast.Table): Table {
    const result: Table = {
        name: table.name,
        kind: 'entity',
        global: false,
        fields: [],
        range: declarationRange(table),
        nameRange: nameRangeOf(table)
    };
    for (const member of table.members) {
        switch (member.$type) {
            case 'TableKind': if (member.kind) result.kind = member.kind as TableKind; break;
            case 'Global': result.global = true; break;
            case 'ShardKey':
                // Only a key that names a field of this table counts (the linker reports the rest).
                if (member.field?.ref) {
                    result.shardKey = member.field.ref.name;
                    result.shardKeyRange = declarationRange(member);
                }
                break;
            case 'Field': {
                const field = buildField(member);
                if (field && !result.fields.some(existing => existing.name === field.name)) result.fields.push(field);
                break;
            }
        }
    }
    return result;
}

function buildReplication(replication: ast.Replication): Replication {
    const result: Replication = {
        topology: replication.topology as Replication['topology'],
        replicas: replication.topology === 'multi_master' ? 2 : 1,
        mode: 'async',
        failover: { method: 'manual', declared: false },
        declared: {},
        range: declarationRange(replication)
    };
    const lastLeaf = lastVisibleLeaf(replication.$cstNode);
    if (lastLeaf?.text === '}') result.bodyEnd = { ...lastLeaf.range.start };
    for (const prop of replication.props) {
        switch (prop.$type) {
            case 'Replicas': {
                const count = prop.count;
                if (count !== undefined && Number.isInteger(count) && count >= 0) {
                    result.replicas = count;
                    result.declared.replicas = declarationRange(prop);
                }
                break;
            }
            case 'Lag': result.lagMs = quantityMs(prop.time); break;
            case 'Mode':
                if (prop.mode) {
                    result.mode = prop.mode as 'async' | 'sync';
                    result.declared.mode = declarationRange(prop);
                }
                break;
            case 'Failover':
                if (prop.method) {
                    result.failover = {
                        method: prop.method as Replication['failover']['method'],
                        arbiter: prop.method === 'arbiter' ? prop.arbiter?.ref?.name : undefined,
                        declared: true,
                        range: declarationRange(prop)
                    };
                }
                break;
        }
    }
    return result;
}

function buildNode(node: ast.Node): TopologyNode {
    const result: TopologyNode = {
        name: node.name,
        kind: node.kind as NodeKind,
        instances: { min: 1, max: 1, autoscale: false, mode: 'active_active', declared: false },
        zones: [],
        sticky: false,
        managed: false,
        tables: [],
        range: declarationRange(node),
        nameRange: nameRangeOf(node),
        props: {}
    };
    const lastLeaf = lastVisibleLeaf(node.$cstNode);
    // containsBrace is `$cstNode.text.includes('{')` without cutting the node's text out of the document.
    if (lastLeaf?.text === '}' && node.props !== undefined && node.$cstNode && containsBrace(node.$cstNode)) result.bodyEnd = { ...lastLeaf.range.start };

    for (const prop of node.props) {
        if (prop.$type !== 'Table' && prop.$type !== 'UnknownProperty' && prop.keyword) {
            result.props[prop.keyword as PropertyName] ??= declarationRange(prop);
        }
        switch (prop.$type) {
            case 'Instances': {
                const count = positiveInteger(prop.count);
                if (count !== undefined) {
                    result.instances = {
                        min: count, max: count, autoscale: false,
                        mode: (prop.mode as 'active_active' | 'active_passive' | undefined) ?? 'active_active',
                        declared: true
                    };
                }
                break;
            }
            case 'Autoscale': {
                const min = positiveInteger(prop.min);
                const max = positiveInteger(prop.max);
                if (min !== undefined && max !== undefined && min <= max) {
                    result.instances = { min, max, autoscale: true, mode: 'active_active', declared: true };
                }
                break;
            }
            case 'Capacity': result.capacityPerInstanceRps = quantityRps(prop.rate); break;
            case 'Latency': result.latencyMs = quantityMs(prop.time); break;
            case 'Availability': result.availability = percentShare(prop.share?.value); break;
            case 'Zones':
                result.zones = [...new Set(prop.zones.map(zone => zone.ref?.name).filter((z): z is string => !!z))];
                break;
            case 'Sessions':
                if (prop.mode) {
                    result.sessions = {
                        mode: prop.mode as SessionMode,
                        store: prop.mode === 'store' ? prop.store?.ref?.name : undefined,
                        range: declarationRange(prop)
                    };
                }
                break;
            case 'Hit': result.hit = percentShare(prop.share?.value); break;
            case 'Algorithm': result.algorithm = prop.algorithm as TopologyNode['algorithm']; break;
            case 'Sticky': result.sticky = prop.value === 'on'; break;
            case 'Health': result.healthEveryMs = quantityMs(prop.interval); break;
            case 'Routing': result.routing = prop.routing as TopologyNode['routing']; break;
            case 'Engine': result.engine = prop.text !== undefined ? unquote(prop.text) : prop.name; break;
            case 'Label': if (prop.text !== undefined) result.label = unquote(prop.text); break;
            case 'Managed': result.managed = true; break;
            case 'Policy': if (prop.policy) result.policy = prop.policy as CachePolicy; break;
            case 'Replication': if (prop.topology) result.replication = buildReplication(prop); break;
            case 'Shards': {
                const count = positiveInteger(prop.count);
                if (count !== undefined && prop.strategy) {
                    result.shards = { count, strategy: prop.strategy as Shards['strategy'], range: declarationRange(prop) };
                }
                break;
            }
            case 'Table':
                if (prop.name && !result.tables.some(table => table.name === prop.name)) result.tables.push(buildTable(prop));
                break;
        }
    }
    return result;
}

/** The value of a string literal: quotes removed, `\"` and `\\` unescaped. */
export function unquote(literal: string): string {
    const body = literal.startsWith('"') && literal.endsWith('"') && literal.length >= 2 ? literal.slice(1, -1) : literal;
    return body.replace(/\\(["\\])/g, '$1');
}

function buildEdges(edge: ast.Edge): Edge[] {
    const edges: Edge[] = [];
    let from = edge.from?.ref?.name;
    for (const step of edge.steps) {
        // An edge into a client is an error of its own (the validator's): it carries nothing.
        const target = step.to?.ref;
        const to = target?.kind === 'client' ? undefined : target?.name;
        const share = step.share ? percentShare(step.share.value) : 1;
        if (from && to && share !== undefined) {
            const start = edges.length === 0 ? declarationRange(edge).start : rangeOf(step).start;
            const built: Edge = { from, to, share, range: { start, end: rangeOf(step).end } };
            if (step.carries) built.carries = step.carries as Edge['carries'];
            const fanOut = step.fanOut?.each ? 'each' : positiveInteger(step.fanOut?.times);
            if (fanOut !== undefined) built.fanOut = fanOut;
            edges.push(built);
        }
        from = to;
    }
    return edges;
}

/** A client's own traffic (LANGUAGE.md, `client`); what it leaves out comes from `traffic` where it is used. */
function buildClient(node: ast.Node): Client {
    const traffic = trafficValues(node.props);
    const label = node.props.find((prop): prop is ast.Label => prop.$type === 'Label')?.text;
    return {
        name: node.name,
        ...(label !== undefined ? { label: unquote(label) } : {}),
        peakRps: traffic.peakRps, readShare: traffic.readShare, thinkMs: traffic.thinkMs, keys: traffic.keys, zipf: traffic.zipf,
        range: declarationRange(node),
        nameRange: nameRangeOf(node),
        edges: []
    };
}

function collectDeclarations(system: ast.System): Declaration[] {
    const declarations: Declaration[] = [];
    for (const member of system.members) {
        // Target findings stand at these blocks (rules/targets.ts): an @allow above one suppresses them.
        if (member.$type === 'Target') declarations.push({ line: declarationLine(member), target: { node: '', block: 'target' } });
        if (member.$type === 'Scenario' && member.name) declarations.push({ line: declarationLine(member), target: { node: member.name, block: 'scenario' } });
        if (member.$type !== 'Node' || !member.name) continue;
        declarations.push({ line: declarationLine(member), target: { node: member.name } });
        for (const prop of member.props) {
            if (prop.$type !== 'Table' || !prop.name) continue;
            declarations.push({ line: declarationLine(prop), target: { node: member.name, table: prop.name } });
            for (const field of prop.members) {
                if (field.$type === 'Field' && field.name) {
                    declarations.push({
                        line: declarationLine(field),
                        target: { node: member.name, table: prop.name, field: field.name }
                    });
                }
            }
        }
    }
    return declarations;
}

/**
 * Builds the Topology of one system. `text` is the whole document, read for
 * `@allow` comments (comments are not part of the AST).
 */
export function buildTopology(system: ast.System, text: string): Topology {
    const topology: Topology = {
        name: system.name ?? '',
        range: declarationRange(system),
        nameRange: nameRangeOf(system),
        zones: [],
        nodes: [],
        clients: [],
        edges: [],
        scenarios: [],
        mentions: mentionsIn(system),
        allows: []
    };
    const names = new Set<string>();
    for (const member of system.members) {
        switch (member.$type) {
            case 'Traffic': topology.traffic ??= buildTraffic(member); break;
            case 'Zone':
                if (member.name && !topology.zones.some(zone => zone.name === member.name)) {
                    topology.zones.push({ name: member.name, range: declarationRange(member) });
                }
                break;
            case 'Node':
                if (member.name && member.kind && !names.has(member.name)) {
                    names.add(member.name);
                    if (member.kind === 'client') topology.clients.push(buildClient(member));
                    else topology.nodes.push(buildNode(member));
                }
                break;
            case 'Edge': topology.edges.push(...buildEdges(member)); break;
            case 'Target': topology.targets ??= buildTargets(member); break;
            case 'Scenario':
                if (member.name && !topology.scenarios.some(scenario => scenario.name === member.name)) {
                    topology.scenarios.push(buildScenario(member));
                }
                break;
        }
    }
    // A client's edges are its own: the nodes' graph holds only calls between nodes.
    const clients = new Map(topology.clients.map(client => [client.name, client]));
    topology.edges = topology.edges.filter(edge => {
        const client = clients.get(edge.from);
        if (client) client.edges.push(edge);
        return !client;
    });
    // Only allows inside this system's text belong to it (a file holds one system, but be exact).
    const systemRange = topology.range;
    topology.allows = collectAllows(text, collectDeclarations(system))
        .filter(allow => allow.range.start.line >= systemRange.start.line && allow.range.start.line <= systemRange.end.line);
    return topology;
}

function buildTargets(target: ast.Target): Targets {
    const result: Targets = { ranges: {}, range: declarationRange(target) };
    for (const prop of target.props) {
        switch (prop.$type) {
            case 'Availability': result.availability = percentShare(prop.share?.value); result.ranges.availability = rangeOf(prop); break;
            case 'P99': result.p99Ms = quantityMs(prop.time); result.ranges.p99 = rangeOf(prop); break;
            case 'Mean': result.meanMs = quantityMs(prop.time); result.ranges.mean = rangeOf(prop); break;
            case 'Utilization': result.utilization = percentShare(prop.share?.value); result.ranges.utilization = rangeOf(prop); break;
            case 'Stale': result.stale = percentShare(prop.share?.value); result.ranges.stale = rangeOf(prop); break;
            case 'DataLoss': result.dataLossMs = quantityMs(prop.time); result.ranges.data_loss = rangeOf(prop); break;
        }
    }
    return result;
}

function buildScenario(scenario: ast.Scenario): Scenario {
    const result: Scenario = {
        name: scenario.name, failedZones: [], failedNodes: [], cold: [],
        range: declarationRange(scenario), nameRange: nameRangeOf(scenario)
    };
    for (const prop of scenario.props) {
        switch (prop.$type) {
            case 'ScenarioPeak':
                if (prop.value === undefined || prop.invalid.length > 0) break;
                if (prop.times) {
                    if (prop.value > 0) result.peak = { factor: prop.value };
                } else {
                    const rps = rateRps(prop.value, prop.unit);
                    if (rps !== undefined && rps > 0) result.peak = { totalRps: rps };
                }
                break;
            case 'Fail':
                for (const failed of prop.failed) {
                    const target = failed.ref;
                    if (target?.$type === 'Zone' && target.name) pushOnce(result.failedZones, target.name);
                    else if (target?.$type === 'Node' && target.name && target.kind !== 'client') pushOnce(result.failedNodes, target.name);
                }
                break;
            case 'Cold':
                for (const cache of prop.caches) if (cache.ref?.name) pushOnce(result.cold, cache.ref.name);
                break;
            case 'Target': result.targets ??= buildTargets(prop); break;
        }
    }
    return result;
}

function pushOnce(list: string[], name: string): void {
    if (!list.includes(name)) list.push(name);
}

/** Every reference in `system` that resolved to a node, with the range of the name as written. */
/** Whether `node` is `ancestor` or inside it (a reference's holder is a few levels down at most). */
function within(node: AstNode | undefined, ancestor: AstNode): boolean {
    for (let current = node; current; current = current.$container) if (current === ancestor) return true;
    return false;
}

function mentionsIn(system: ast.System): Mention[] {
    const mentions: Mention[] = [];
    // The document's references, collected once for linking; those of this system are the ones it contains.
    const root = system.$container ?? system;
    for (const { reference, container } of referencesInOrder(root)) {
        if (!isReference(reference) || !within(container, system)) continue; // the grammar has no multi-references
        const target = reference.ref;
        const range = reference.$refNode?.range;
        if (target?.$type === 'Node' && (target as ast.Node).name && range) {
            mentions.push({ node: (target as ast.Node).name!, range: { start: { ...range.start }, end: { ...range.end } } });
        }
    }
    return mentions;
}
