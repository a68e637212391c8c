/**
 * Semantic tokens (docs/editor.md, "Highlighting"): what the TextMate grammar
 * cannot tell, since a name may reuse a word of the language (`service queue`).
 * Node kinds are keywords; a node's name where it is declared is a `class`
 * (declaration), where an edge, `sessions store` or `failover arbiter` names
 * it a `variable`; zones are `namespace`s, tables `struct`s, fields
 * `property`s (declared or referenced); numbers with their unit or `%` are
 * `number`s; a value from a fixed set (`least_connections`, `async`, `uuid`,
 * ...) is an `enumMember`; the system's name is a `namespace` declaration, and
 * so is a scenario's; after `fail`, a zone is a `namespace` and a node a
 * `variable`, as everywhere else.
 */
import type { AstNode } from 'langium';
import { AbstractSemanticTokenProvider, type SemanticTokenAcceptor } from 'langium/lsp';
import { SemanticTokenModifiers, SemanticTokenTypes } from 'vscode-languageserver';
import * as ast from '../language/generated/ast.js';

const DECLARATION = SemanticTokenModifiers.declaration;

/** The AST property holding a value of a fixed set, per node type. */
const ENUM_PROPERTIES: Readonly<Record<string, string>> = {
    Instances: 'mode', Sessions: 'mode', Algorithm: 'algorithm', Sticky: 'value', Routing: 'routing',
    Replication: 'topology', Mode: 'mode', Failover: 'method', Shards: 'strategy', TableKind: 'kind', FieldType: 'primitive'
};

/** Whole-number properties (counts), per node type. */
const COUNT_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
    Instances: ['count'], Autoscale: ['min', 'max'], Replicas: ['count'], Shards: ['count'], Keys: ['count', 'zipf']
};

export class ArchSemanticTokenProvider extends AbstractSemanticTokenProvider {
    protected highlightElement(node: AstNode, acceptor: SemanticTokenAcceptor): void {
        const enumProperty = ENUM_PROPERTIES[node.$type];
        if (enumProperty && (node as unknown as Record<string, unknown>)[enumProperty] !== undefined) {
            acceptor({ node, property: enumProperty as never, type: SemanticTokenTypes.enumMember });
        }
        for (const property of COUNT_PROPERTIES[node.$type] ?? []) {
            if ((node as unknown as Record<string, unknown>)[property] !== undefined) acceptor({ node, property: property as never, type: SemanticTokenTypes.number });
        }
        if (ast.isSystem(node)) {
            acceptor({ node, property: 'name', type: SemanticTokenTypes.namespace, modifier: DECLARATION });
        } else if (ast.isNode(node)) {
            acceptor({ node, property: 'kind', type: SemanticTokenTypes.keyword });
            acceptor({ node, property: 'name', type: SemanticTokenTypes.class, modifier: DECLARATION });
        } else if (ast.isEdge(node)) {
            acceptor({ node, property: 'from', type: SemanticTokenTypes.variable });
        } else if (ast.isEdgeStep(node)) {
            acceptor({ node, property: 'to', type: SemanticTokenTypes.variable });
        } else if (ast.isSessions(node) && node.store) {
            acceptor({ node, property: 'store', type: SemanticTokenTypes.variable });
        } else if (ast.isFailover(node) && node.arbiter) {
            acceptor({ node, property: 'arbiter', type: SemanticTokenTypes.variable });
        } else if (ast.isZone(node)) {
            acceptor({ node, property: 'name', type: SemanticTokenTypes.namespace, modifier: DECLARATION });
        } else if (ast.isZones(node)) {
            node.zones.forEach((_, index) => acceptor({ node, property: 'zones', index, type: SemanticTokenTypes.namespace }));
        } else if (ast.isTable(node)) {
            acceptor({ node, property: 'name', type: SemanticTokenTypes.struct, modifier: DECLARATION });
        } else if (ast.isFieldType(node) && node.table) {
            acceptor({ node, property: 'table', type: SemanticTokenTypes.struct });
        } else if (ast.isField(node)) {
            acceptor({ node, property: 'name', type: SemanticTokenTypes.property, modifier: DECLARATION });
        } else if (ast.isShardKey(node)) {
            acceptor({ node, property: 'field', type: SemanticTokenTypes.property });
        } else if (ast.isQuantity(node)) {
            // The number and its unit (`25ms`, `400 rps`) read as one quantity.
            if (node.value !== undefined) acceptor({ node, property: 'value', type: SemanticTokenTypes.number });
            if (node.unit !== undefined) acceptor({ node, property: 'unit', type: SemanticTokenTypes.number });
        } else if (ast.isScenario(node)) {
            acceptor({ node, property: 'name', type: SemanticTokenTypes.namespace, modifier: DECLARATION });
        } else if (ast.isScenarioPeak(node) && node.value !== undefined) {
            acceptor({ node, property: 'value', type: SemanticTokenTypes.number });
            if (node.times) acceptor({ node, property: 'times', type: SemanticTokenTypes.number });
            else if (node.unit !== undefined) acceptor({ node, property: 'unit', type: SemanticTokenTypes.number });
        } else if (ast.isFail(node)) {
            // A zone or a node: as each is highlighted where else it is named.
            node.failed.forEach((reference, index) => acceptor({
                node, property: 'failed', index, type: reference.ref?.$type === 'Zone' ? SemanticTokenTypes.namespace : SemanticTokenTypes.variable
            }));
        } else if (ast.isCold(node)) {
            node.caches.forEach((_, index) => acceptor({ node, property: 'caches', index, type: SemanticTokenTypes.variable }));
        } else if ((ast.isPercent(node) || ast.isShare(node)) && node.value !== undefined) {
            acceptor({ node, property: 'value', type: SemanticTokenTypes.number });
            acceptor({ node, keyword: '%', type: SemanticTokenTypes.number });
        }
    }
}
