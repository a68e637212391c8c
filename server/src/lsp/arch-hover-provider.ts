/**
 * Hover: a node's name (where it is declared, or named by an edge, a
 * `sessions store` or a `failover arbiter`) shows its inputs and estimates;
 * the system's name shows the system summary; a word of the language shows
 * what it means (keyword-docs.ts). The estimates are the document's one
 * analysis (document-analysis.ts), computed on first use.
 */
import { overallReadShare, readsDeclared, systemPeak } from '../estimates/load.js';
import { CstUtils, GrammarAST, type AstNode, type CstNode, type LangiumDocument, type MaybePromise } from 'langium';
import type { HoverProvider, LangiumServices } from 'langium/lsp';
import type { Hover, HoverParams } from 'vscode-languageserver';
import { isNode, isSystem, type Node, type System } from '../language/generated/ast.js';
import type { ArchServices } from '../arch-module.js';
import type { DocumentAnalysis, SystemAnalysis } from '../language/validation/document-analysis.js';
import { estimateInputs } from '../present/estimate-inputs.js';
import { nodeHoverMarkdown, systemHoverMarkdown } from '../present/estimate-hover.js';
import { keywordDoc } from './keyword-docs.js';

export class ArchHoverProvider implements HoverProvider {
    private readonly services: LangiumServices;
    private readonly analysis: DocumentAnalysis;

    constructor(services: ArchServices) {
        this.services = services;
        this.analysis = services.analysis;
    }

    getHoverContent(document: LangiumDocument, params: HoverParams): MaybePromise<Hover | undefined> {
        const root = document.parseResult?.value?.$cstNode;
        if (!root) return undefined;
        const offset = document.textDocument.offsetAt(params.position);
        // As Langium's AstNodeHoverProvider: the token under the cursor.
        const leaf = CstUtils.findDeclarationNodeAtOffset(root, offset, this.services.parser.GrammarConfig.nameRegexp);
        if (!leaf || leaf.offset + leaf.length <= offset) {
            // An operator right after a word (`2..4`, `50%`): the lookup above settles on the word before it.
            const operator = CstUtils.findLeafNodeAtOffset(root, offset);
            return operator && operator.offset <= offset && offset < operator.end ? this.keywordHover(operator) : undefined;
        }
        // Names first: a node may be called by a word of the language (`service queue`).
        for (const target of this.services.references.References.findDeclarations(leaf)) {
            const value = isNode(target) ? this.nodeHover(target, document) : isSystem(target) ? this.systemHover(target) : undefined;
            if (value) return { contents: { kind: 'markdown', value }, range: leaf.range };
        }
        return this.keywordHover(leaf);
    }

    private keywordHover(leaf: CstNode): Hover | undefined {
        if (!GrammarAST.isKeyword(leaf.grammarSource)) return undefined;
        const doc = keywordDoc(leaf.grammarSource.value, leaf.astNode.$type, leaf.astNode.$container?.$type);
        return doc ? { contents: { kind: 'markdown', value: doc }, range: leaf.range } : undefined;
    }

    private nodeHover(node: Node, document: LangiumDocument): string | undefined {
        const analysis = this.analysis.forNode(node);
        if (!analysis || !node.name) return undefined;
        const topologyNode = analysis.topology.nodes.find(n => n.name === node.name);
        if (!topologyNode) return undefined;
        // The Topology keeps the first of two nodes of one name: a later duplicate has no estimates of its own.
        const isFirst = sameStart(topologyNode.nameRange.start, this.nameStart(node));
        const estimate = isFirst ? analysis.context.estimates().nodes.find(n => n.name === node.name) : undefined;
        return nodeHoverMarkdown({
            node: topologyNode,
            estimate,
            inputs: estimateInputs(analysis.topology, analysis.context.graph, topologyNode),
            onRequestPath: analysis.context.graph.onRequestPath.has(node.name),
            peakRps: systemPeak(analysis.topology),
            readShare: readsDeclared(analysis.topology) ? overallReadShare(analysis.topology) : undefined,
            findings: isFirst ? findingsOn(document, node.name) : undefined
        });
    }

    private systemHover(system: System): string | undefined {
        const analysis: SystemAnalysis | undefined = this.analysis.forNode(system);
        if (!analysis) return undefined;
        return systemHoverMarkdown(analysis.context.estimates(), analysis.context.graph.onRequestPath.size);
    }

    private nameStart(node: AstNode): { line: number; character: number } | undefined {
        return this.services.references.NameProvider.getNameNode(node)?.range.start;
    }
}

function sameStart(a: { line: number; character: number }, b: { line: number; character: number } | undefined): boolean {
    return !!b && a.line === b.line && a.character === b.character;
}

/** How many of the document's diagnostics are about the node `name` (rules put it in `data.node`). */
function findingsOn(document: LangiumDocument, name: string): number | undefined {
    if (!document.diagnostics) return undefined;
    return document.diagnostics.filter(d => (d.data as { node?: unknown } | undefined)?.node === name).length;
}
