/**
 * Document symbols, the outline (docs/editor.md, "Outline"): each system
 * (Namespace) holds its traffic block (Event), zones (Module), nodes
 * (Class, detail: the node's kind), its target block (Constant, detail: what
 * it targets) and scenarios (Event, detail: their peak, failures and cold
 * caches); a node holds its tables (Struct, detail:
 * the table's kind), a table its fields (Field, detail: the type). Langium's
 * default would list every named thing (an `engine postgres` too) with one
 * kind for all.
 */
import type { AstNode, CstNode, LangiumDocument } from 'langium';
import { DefaultDocumentSymbolProvider } from 'langium/lsp';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import * as ast from '../language/generated/ast.js';

export class ArchDocumentSymbolProvider extends DefaultDocumentSymbolProvider {
    protected override getSymbol(document: LangiumDocument, node: AstNode): DocumentSymbol[] {
        if (ast.isModel(node)) return node.systems.flatMap(system => this.getSymbol(document, system));
        if (ast.isSystem(node)) {
            return this.symbol(node, SymbolKind.Namespace, 'system', node.members.flatMap(member => this.getSymbol(document, member)));
        }
        if (ast.isTraffic(node)) {
            const cst = node.$cstNode;
            const keyword = cst && firstLeaf(cst);
            if (!cst || !keyword) return [];
            const peak = node.props.find(ast.isPeak);
            const detail = peak?.rate?.value !== undefined ? `peak ${peak.rate.value} ${peak.rate.unit ?? ''}`.trim() : undefined;
            return [{ name: 'traffic', kind: SymbolKind.Event, detail, range: cst.range, selectionRange: keyword.range }];
        }
        if (ast.isTarget(node)) {
            const cst = node.$cstNode;
            const keyword = cst && firstLeaf(cst);
            if (!cst || !keyword) return [];
            const words = node.props.flatMap(prop => (prop.$type === 'UnknownProperty' || prop.$type === 'UnknownWord' ? [] : [prop.keyword]));
            return [{ name: 'target', kind: SymbolKind.Constant, detail: words.join(', ') || undefined, range: cst.range, selectionRange: keyword.range }];
        }
        if (ast.isScenario(node)) {
            const detail = node.props.flatMap(prop => (prop.$type === 'UnknownProperty' || prop.$type === 'UnknownWord' || prop.$type === 'Target' ? [] : [scenarioWords(prop)])).join(' · ');
            return this.symbol(node, SymbolKind.Event, detail ? `scenario · ${detail}` : 'scenario',
                node.props.filter(ast.isTarget).flatMap(target => this.getSymbol(document, target)));
        }
        if (ast.isZone(node)) return this.symbol(node, SymbolKind.Module, 'zone');
        if (ast.isNode(node)) {
            return this.symbol(node, SymbolKind.Class, node.kind, node.props.filter(ast.isTable).flatMap(table => this.getSymbol(document, table)));
        }
        if (ast.isTable(node)) {
            const kind = node.members.find(ast.isTableKind)?.kind ?? 'entity';
            return this.symbol(node, SymbolKind.Struct, `table · ${kind}`, node.members.filter(ast.isField).flatMap(field => this.getSymbol(document, field)));
        }
        if (ast.isField(node)) {
            const type = node.type?.primitive === 'ref' ? `ref ${node.type.table?.$refText ?? ''}`.trim() : node.type?.primitive;
            return this.symbol(node, SymbolKind.Field, type);
        }
        return [];
    }

    private symbol(node: AstNode, kind: SymbolKind, detail: string | undefined, children?: DocumentSymbol[]): DocumentSymbol[] {
        const nameNode = this.nameProvider.getNameNode(node);
        const name = this.nameProvider.getName(node);
        // A declaration whose name did not parse (`service {`) has no symbol: the outline shows names.
        if (!node.$cstNode || !nameNode || !name) return [];
        return [{ name, kind, detail, range: node.$cstNode.range, selectionRange: nameNode.range, children: children && children.length > 0 ? children : undefined }];
    }
}

/** `peak 2x`, `fail us_east`, `cold users_cache` as written (the outline's detail of a scenario). */
function scenarioWords(prop: ast.ScenarioPeak | ast.Fail | ast.Cold): string {
    if (ast.isScenarioPeak(prop)) return prop.value === undefined ? 'peak' : `peak ${prop.value}${prop.times ? 'x' : ` ${prop.unit ?? ''}`.trimEnd()}`;
    const names = (ast.isFail(prop) ? prop.failed : prop.caches).map(reference => reference.$refText);
    return `${prop.keyword} ${names.join(', ')}`;
}

function firstLeaf(cst: CstNode): CstNode | undefined {
    const content = (cst as { content?: CstNode[] }).content;
    if (!content) return cst.hidden ? undefined : cst;
    for (const child of content) {
        const leaf = firstLeaf(child);
        if (leaf) return leaf;
    }
    return undefined;
}
