/** A rule's Finding as a Langium diagnostic: code = rule ID, href = rule page, data = node and fixes. */
import type { AstNode, DiagnosticInfo, ValidationSeverity } from 'langium';
import type { Position, Topology, TopologyNode } from '../../model/topology.js';
import type { Finding, Fix } from '../../rules/rule.js';
import type { RuleDocs } from '../workspace/rule-docs.js';

/** What a diagnostic of a finding carries in `data`, for quick fixes and the diagram. */
export interface FindingData {
    ruleId: string;
    node?: string;
    fixes: Fix[];
    /** Where a `// @allow` line for this finding goes: the start of the node, table or field it is about. */
    allowAt?: Position;
    /** What the finding is about as a path, `db.users.id` for a field, when it is about a table or a field. */
    path?: string;
}

const nodeIndexes = new WeakMap<Topology, ReadonlyMap<string, TopologyNode>>();

/**
 * The topology's nodes by name, built once per Topology: `topology.nodes.find` per finding was
 * quadratic (a 1,000-node model has ~800 findings). The first node of a name wins, as `find` did.
 */
function nodesByName(topology: Topology): ReadonlyMap<string, TopologyNode> {
    let index = nodeIndexes.get(topology);
    if (!index) {
        const byName = new Map<string, TopologyNode>();
        for (const node of topology.nodes) if (!byName.has(node.name)) byName.set(node.name, node);
        index = byName;
        nodeIndexes.set(topology, index);
    }
    return index;
}

/** The start of the declaration an `@allow` for `finding` must sit above (what `checkTopology` matches it against). */
export function allowPosition(finding: Finding, topology: Topology): Position | undefined {
    const target = finding.target ?? (finding.node ? { node: finding.node } : undefined);
    const node = target && nodesByName(topology).get(target.node);
    if (!node || !target) return undefined;
    const table = target.table === undefined ? undefined : node.tables.find(t => t.name === target.table);
    const field = target.field === undefined ? undefined : table?.fields.find(f => f.name === target.field);
    return (field ?? table ?? node).range.start;
}

export function findingToDiagnosticInfo(finding: Finding, anchor: AstNode, docs: RuleDocs, topology?: Topology): {
    severity: ValidationSeverity; message: string; info: DiagnosticInfo<AstNode>;
} {
    const href = docs.ruleUrl(finding.ruleId);
    const allowAt = topology ? allowPosition(finding, topology) : undefined;
    const target = finding.target;
    const path = target && (target.table !== undefined || target.field !== undefined)
        ? [target.node, target.table, target.field].filter(part => part !== undefined).join('.') : undefined;
    const data: FindingData = { ruleId: finding.ruleId, node: finding.node, fixes: finding.fixes ?? [], ...(allowAt ? { allowAt } : {}), ...(path ? { path } : {}) };
    return {
        severity: finding.severity,
        message: finding.message,
        info: {
            node: anchor,
            range: finding.range,
            code: finding.ruleId,
            codeDescription: href ? { href } : undefined,
            data
        }
    };
}
