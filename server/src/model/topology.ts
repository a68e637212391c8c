/**
 * The Topology: the one typed model every consumer reads (rules, estimates,
 * diagram, CLI). Plain data: no Langium, no LSP. Times are milliseconds,
 * shares are fractions (0.9 for 90%), rates are requests per second.
 */

export interface Position {
    line: number; // 0-based, as in LSP
    character: number; // 0-based
}

export interface SourceRange {
    start: Position;
    end: Position;
}

export type NodeKind =
    | 'dns' | 'cdn' | 'balancer' | 'service' | 'cache' | 'queue'
    | 'worker' | 'database' | 'coordinator' | 'storage' | 'search' | 'external';

/** How a cache stands to the store behind it (LANGUAGE.md, "Real architectures"): `aside` by default. */
export type CachePolicy = 'aside' | 'through' | 'behind' | 'store';

export type SessionMode = 'none' | 'local' | 'cookie' | 'store';
export type BalancerAlgorithm = 'random' | 'round_robin' | 'least_connections' | 'weighted' | 'ip_hash';
export type DnsRouting = 'geo' | 'round_robin' | 'failover';
export type ReplicationTopology = 'primary_backup' | 'primary_replica' | 'multi_master';
export type FailoverMethod = 'manual' | 'interconnect' | 'probe' | 'arbiter';
export type ShardStrategy = 'range' | 'hash' | 'consistent_hash' | 'directory' | 'date';
export type TableKind = 'entity' | 'session' | 'log' | 'draft';
export type FieldType =
    | 'auto_increment' | 'uuid' | 'snowflake' | 'counter' | 'timestamp'
    | 'text' | 'number' | 'bool' | 'ref';

/** A `// @allow RULE-ID: reason` comment and what it sits above. */
export interface Allow {
    ruleId: string;
    reason: string;
    range: SourceRange;
    /** What the comment sits directly above, or undefined when it sits above nothing it can suppress. */
    target?: AllowTarget;
}

export interface AllowTarget {
    /** The node; for a scenario block, the scenario's name; for the system's target block, empty. */
    node: string;
    /** Set when the comment sits above a `target` or `scenario` block instead of a node. */
    block?: 'target' | 'scenario';
    table?: string;
    field?: string;
}

export interface Traffic {
    peakRps?: number;
    readShare?: number;
    keys?: number;
    zipf?: number;
    thinkMs?: number;
    range: SourceRange;
}

export interface Zone {
    name: string;
    range: SourceRange;
}

export interface Instances {
    /** Fewest instances running (autoscale MIN, or the fixed count). */
    min: number;
    /** Most instances running (autoscale MAX, or the fixed count). */
    max: number;
    autoscale: boolean;
    /** active_passive: one instance serves while the others stand by. */
    mode: 'active_active' | 'active_passive';
    /** False when the model gave neither `instances` nor `autoscale` (the default of 1). */
    declared: boolean;
}

export interface Sessions {
    mode: SessionMode;
    store?: string;
    range: SourceRange;
}

export interface Failover {
    method: FailoverMethod;
    arbiter?: string;
    /** False when the model gave no `failover` (manual by default). */
    declared: boolean;
    range?: SourceRange;
}

export interface Replication {
    topology: ReplicationTopology;
    /** Copies besides the primary; for multi_master the number of nodes in all. */
    replicas: number;
    lagMs?: number;
    mode: 'async' | 'sync';
    failover: Failover;
    /**
     * Where `replicas` and `mode` were written; absent when the builder filled in the default
     * (the hover marks each input declared or default from this, not from the AST).
     */
    declared: { replicas?: SourceRange; mode?: SourceRange };
    range: SourceRange;
    /** Where the block's closing brace stands, when it has a block (fixes insert before it). */
    bodyEnd?: Position;
}

export interface Shards {
    count: number;
    strategy: ShardStrategy;
    range: SourceRange;
}

export interface Field {
    name: string;
    type: FieldType;
    /** For `ref T`: the referenced table's name. */
    refTable?: string;
    unique: boolean;
    range: SourceRange;
}

export interface Table {
    name: string;
    kind: TableKind;
    global: boolean;
    shardKey?: string;
    shardKeyRange?: SourceRange;
    fields: Field[];
    range: SourceRange;
    nameRange: SourceRange;
}

/** Property keywords whose source range is kept, so findings can point at them. */
export type PropertyName =
    | 'instances' | 'autoscale' | 'capacity' | 'latency' | 'availability' | 'zones'
    | 'sessions' | 'hit' | 'algorithm' | 'sticky' | 'health' | 'routing' | 'engine'
    | 'label' | 'replication' | 'shards' | 'managed' | 'policy';

export interface TopologyNode {
    name: string;
    kind: NodeKind;
    label?: string;
    engine?: string;
    instances: Instances;
    /** What one instance sustains, as declared (`capacity`): not the tier's capacity, which the estimates give as `capacityRps`. */
    capacityPerInstanceRps?: number;
    latencyMs?: number;
    /** Availability of one instance, as declared (fraction). */
    availability?: number;
    zones: string[];
    sessions?: Sessions;
    hit?: number;
    algorithm?: BalancerAlgorithm;
    sticky: boolean;
    healthEveryMs?: number;
    routing?: DnsRouting;
    /** `managed`: a provider runs it; its redundancy, zones and failover are the provider's. */
    managed: boolean;
    /** A cache's `policy`, when declared. */
    policy?: CachePolicy;
    replication?: Replication;
    shards?: Shards;
    tables: Table[];
    /** The whole declaration. */
    range: SourceRange;
    /** The node's name in its declaration. */
    nameRange: SourceRange;
    /** Where each declared property stands. */
    props: Partial<Record<PropertyName, SourceRange>>;
    /** Where the body's closing brace stands, when the node has a body (fixes insert before it). */
    bodyEnd?: Position;
}

export interface Edge {
    from: string;
    to: string;
    /** Share of the caller's requests that reach the callee (1 = 100%); of that class's, with `carries`. */
    share: number;
    /** `reads` / `writes`: the edge carries only that class of the caller's requests (default both). */
    carries?: 'reads' | 'writes';
    /** `Nx`: N parallel calls per request that takes the edge; `each`: one call per shard of the callee. */
    fanOut?: number | 'each';
    range: SourceRange;
}

/**
 * A source of requests (LANGUAGE.md, `client`): its own peak, read share, think time and keys, each
 * falling back to `traffic`'s. It is not a node: nothing calls it, and it has no availability or latency.
 */
export interface Client {
    name: string;
    label?: string;
    peakRps?: number;
    readShare?: number;
    thinkMs?: number;
    keys?: number;
    zipf?: number;
    range: SourceRange;
    nameRange: SourceRange;
    /** Its edges, in source order: `from` is the client's name. */
    edges: Edge[];
}

/** The words of a `target` block. */
export type TargetName = 'availability' | 'p99' | 'mean' | 'utilization' | 'stale' | 'data_loss';

/**
 * The team's promises (LANGUAGE.md, `target`): each optional. Shares are fractions, times milliseconds
 * (`data_loss` too; the JSON gives it in seconds, ESTIMATES.md).
 */
export interface Targets {
    availability?: number;
    p99Ms?: number;
    meanMs?: number;
    utilization?: number;
    stale?: number;
    dataLossMs?: number;
    /** Where each declared target stands (a finding about it points there). */
    ranges: Partial<Record<TargetName, SourceRange>>;
    range: SourceRange;
}

/** A scenario's peak: every client's times `factor`, or every client scaled so that they total `totalRps`. */
export type ScenarioPeak = { factor: number; totalRps?: undefined } | { totalRps: number; factor?: undefined };

/** A what-if (LANGUAGE.md, `scenario`): another peak, zones and nodes down for its whole length, caches empty. */
export interface Scenario {
    name: string;
    peak?: ScenarioPeak;
    /** Zones down, by name. */
    failedZones: string[];
    /** Nodes down, by name (clients are not nodes and cannot fail). */
    failedNodes: string[];
    /** Caches and cdns restarted empty (hit 0%). */
    cold: string[];
    /** Targets of its own: each replaces the system's same target in this scenario. */
    targets?: Targets;
    range: SourceRange;
    nameRange: SourceRange;
}

/** A place where a node is named outside its own declaration: an edge's end, `sessions store X`, `failover arbiter X`. */
export interface Mention {
    node: string;
    /** The name as written there. */
    range: SourceRange;
}

export interface Topology {
    name: string;
    range: SourceRange;
    nameRange: SourceRange;
    traffic?: Traffic;
    zones: Zone[];
    /** In declaration order; names are unique (a later duplicate is left out). Clients are not nodes. */
    nodes: TopologyNode[];
    /** The sources of load, in declaration order; without any, `traffic` enters at the entry nodes. */
    clients: Client[];
    /** Edges whose ends both resolved, one per arrow of a chain. */
    edges: Edge[];
    /** The system's `target` block (the first one; a second is reported). */
    targets?: Targets;
    /** The what-ifs, in declaration order; names are unique (a later duplicate is left out). */
    scenarios: Scenario[];
    /** Every resolved use of a node's name, in source order (what the editor's cursor can be on). */
    mentions: Mention[];
    allows: Allow[];
}

/**
 * Does this dns stop answering with a dead target? With `routing failover`, or with `health every` under
 * any routing (LANGUAGE.md: on a dns "it checks its targets and stops sending to dead ones"). Its targets
 * of one kind then cover for each other; without either, a dead target keeps its share of the answers.
 */
export function dnsLeavesDeadTargets(dns: TopologyNode): boolean {
    return dns.routing === 'failover' || dns.healthEveryMs !== undefined;
}

/**
 * Run by a provider (LANGUAGE.md, `managed`): declared `managed`, or a `dns` or `cdn` that declares no
 * `instances`. Its redundancy, zones and failover are the provider's.
 */
export function isManaged(node: TopologyNode): boolean {
    return node.managed || ((node.kind === 'dns' || node.kind === 'cdn') && !node.instances.declared);
}

/**
 * Counted as one whole service, its availability the service's (a managed node, or an `external` one, a
 * third party's): no instances of ours to lose, add or spread over zones.
 */
/**
 * A cache, search, storage or queue with `shards`: N instances in all holding the M shards' copies spread
 * over them (ESTIMATES.md, details table), not a database's M shard groups. A whole service is one unit.
 */
export function spreadsShards(node: TopologyNode): boolean {
    return SPREAD_KINDS.has(node.kind) && !isWholeService(node) && node.shards !== undefined && node.shards.count > 1;
}
const SPREAD_KINDS: ReadonlySet<NodeKind> = new Set<NodeKind>(['cache', 'search', 'storage', 'queue']);

/** Copies of one shard of a node that spreads them: 1 + replicas (a multi_master's replicas are its copies), at most its instances. */
export function shardCopies(node: TopologyNode): number {
    const replication = node.replication;
    const copies = !replication ? 1 : replication.topology === 'multi_master' ? Math.max(1, replication.replicas) : 1 + replication.replicas;
    return Math.max(1, Math.min(copies, node.instances.max));
}

export function isWholeService(node: TopologyNode): boolean {
    return isManaged(node) || node.kind === 'external';
}
