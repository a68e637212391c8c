/**
 * A parse result as plain data, to compare two parsers: every AST node (its
 * type, its keys in order, its values, references and container links) and
 * every CST node (kind, offsets, token type, the grammar element it came from,
 * the AST node it belongs to), by position in the trees rather than by object.
 */
import { AstUtils, isAstNode, isReference, type AstNode, type CstNode, type Grammar, type ParseResult } from 'langium';
import { isCompositeCstNode, isLeafCstNode } from 'langium';

export interface TreeDescription {
    ast: unknown[];
    cst: unknown[];
}

export function describeParse(result: ParseResult, grammar: Grammar): TreeDescription {
    const grammarIds = new Map<unknown, number>();
    for (const element of AstUtils.streamAst(grammar)) grammarIds.set(element, grammarIds.size);
    const astIds = new Map<AstNode, number>();
    const astNodes = AstUtils.streamAst(result.value).toArray();
    for (const node of astNodes) astIds.set(node, astIds.size);
    const cstIds = new Map<CstNode, number>();
    const cstNodes: CstNode[] = [];
    const visit = (node: CstNode): void => {
        cstIds.set(node, cstIds.size);
        cstNodes.push(node);
        if (isCompositeCstNode(node)) node.content.forEach(visit);
    };
    if (result.value.$cstNode) visit(result.value.$cstNode.root);

    const value = (v: unknown): unknown => {
        if (isReference(v)) return { ref: v.$refText, refNode: v.$refNode ? cstIds.get(v.$refNode) ?? 'outside' : null };
        if (isAstNode(v)) return { node: astIds.get(v) ?? 'outside' };
        if (Array.isArray(v)) return v.map(value);
        return v;
    };
    const ast = astNodes.map(node => {
        const record = node as unknown as Record<string, unknown>;
        return {
            keys: Object.keys(node),
            values: Object.keys(node).filter(k => !k.startsWith('$') || k === '$type').map(k => [k, value(record[k])]),
            container: node.$container ? astIds.get(node.$container) : null,
            containerProperty: node.$containerProperty ?? null,
            containerIndex: node.$containerIndex ?? null,
            cstNode: node.$cstNode ? cstIds.get(node.$cstNode) ?? 'outside' : null
        };
    });
    const cst = cstNodes.map(node => ({
        kind: isLeafCstNode(node) ? 'leaf' : 'composite',
        offset: node.offset,
        length: node.length,
        range: node.range,
        hidden: node.hidden,
        token: isLeafCstNode(node) ? node.tokenType.name : null,
        grammar: node.grammarSource ? grammarIds.get(node.grammarSource) ?? 'outside' : null,
        container: node.container ? cstIds.get(node.container) : null,
        // Set on the node itself (Langium's getter falls back to the container's).
        ownAst: ownAstNode(node, astIds),
        ast: astIds.get(node.astNode) ?? 'outside'
    }));
    return { ast, cst };
}

function ownAstNode(node: CstNode, astIds: Map<AstNode, number>): unknown {
    const own = (node as unknown as { _astNode?: AstNode })._astNode;
    return own && typeof own.$type === 'string' ? astIds.get(own) ?? 'outside' : null;
}
