/**
 * Which properties each node kind takes (LANGUAGE.md, "Nodes" and "Real architectures"): what the
 * validator checks and what completion proposes inside a node's body.
 */
import type * as ast from './generated/ast.js';

type NodeKind = ast.Node['kind'];

/** Which node kinds a property applies to (LANGUAGE.md, "Nodes"); absent = any kind. */
export const APPLIES_TO: Partial<Record<string, readonly NodeKind[]>> = {
    autoscale: ['service', 'worker', 'cache'],
    sessions: ['service', 'worker'],
    hit: ['cache', 'cdn'],
    algorithm: ['balancer'],
    sticky: ['balancer'],
    routing: ['dns'],
    replication: ['database', 'cache', 'queue', 'search', 'storage'],
    shards: ['database', 'cache', 'search', 'storage', 'queue'],
    table: ['database'],
    policy: ['cache'],
    // A client's own traffic (LANGUAGE.md, "Real architectures"); a system's defaults stay in `traffic`.
    peak: ['client'],
    reads: ['client'],
    keys: ['client'],
    think: ['client']
};

/** The property words of a node, in the order LANGUAGE.md's node table gives them. */
const NODE_PROPERTIES = [
    'instances', 'autoscale', 'capacity', 'latency', 'availability', 'zones', 'health', 'managed', 'label', 'engine',
    'sessions', 'hit', 'policy', 'algorithm', 'sticky', 'routing', 'replication', 'shards', 'table', 'peak', 'reads', 'think', 'keys'
] as const;

/** The properties a node of this kind takes. */
export function propertiesOf(kind: NodeKind): string[] {
    if (kind === 'client') return [...CLIENT_PROPERTIES];
    return NODE_PROPERTIES.filter(word => !APPLIES_TO[word] || APPLIES_TO[word]!.includes(kind));
}

/** What a client may say: it is a source of load, not a tier. */
export const CLIENT_PROPERTIES: ReadonlySet<string> = new Set(['peak', 'reads', 'keys', 'think', 'label']);


/** Whether a node of this kind takes the property `keyword`. */
export function takesProperty(kind: NodeKind, keyword: string): boolean {
    if (kind === 'client') return CLIENT_PROPERTIES.has(keyword);
    const kinds = APPLIES_TO[keyword];
    return !kinds || kinds.includes(kind);
}
