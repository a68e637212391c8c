/**
 * Plain loops over an AST in the order of Langium's streams: `streamAst`
 * (pre-order, properties in key order, arrays in index order) and
 * `streamReferences`. Langium's linker and reference indexer build a stream
 * and an iterator per AST node and await `interruptAndCheck` per node; on a
 * generated 1,000-node model (~13,000 AST nodes) that overhead was most of
 * the Linked and IndexedReferences phases. These visit the same nodes and
 * references in the same order.
 */
import { isAstNode, isMultiReference, isReference, type AstNode, type ReferenceInfo } from 'langium';

/**
 * Walked once per parse: linking, validation and the reference index all ask for the same list.
 * Keyed by the root, so a new parse (a new root) is walked afresh; Langium never changes the shape
 * of an AST after parsing it (linking sets references, not nodes).
 */
const walked = new WeakMap<AstNode, readonly AstNode[]>();

/** The AST under `root`, `root` first, in `streamAst(root)`'s order. */
export function astNodesInOrder(root: AstNode): readonly AstNode[] {
    let nodes = walked.get(root);
    if (!nodes) {
        nodes = walk(root);
        walked.set(root, nodes);
    }
    return nodes;
}

function walk(root: AstNode): AstNode[] {
    const result: AstNode[] = [];
    const visit = (node: AstNode): void => {
        result.push(node);
        for (const property of Object.keys(node)) {
            if (property.startsWith('$')) continue;
            const value = (node as unknown as Record<string, unknown>)[property];
            if (isAstNode(value)) visit(value);
            else if (Array.isArray(value)) {
                for (const element of value) if (isAstNode(element)) visit(element);
            }
        }
    };
    visit(root);
    return result;
}

const referenced = new WeakMap<AstNode, readonly ReferenceInfo[]>();

/**
 * Every reference under `root`, in the order linking visits them (`streamAst`, then `streamReferences`
 * per node). Collected once per parse and shared by the linker, the reference index and the Topology's
 * mentions, which each walked the whole AST for them (a third of the walking time of a check).
 */
export function referencesInOrder(root: AstNode): readonly ReferenceInfo[] {
    let references = referenced.get(root);
    if (!references) {
        const collected: ReferenceInfo[] = [];
        for (const node of astNodesInOrder(root)) forEachReference(node, info => collected.push(info));
        references = collected;
        referenced.set(root, references);
    }
    return references;
}

/** Calls `action` for each reference held by `node`, as `streamReferences(node)` yields them. */
export function forEachReference(node: AstNode, action: (info: ReferenceInfo) => void): void {
    for (const property of Object.keys(node)) {
        if (property.startsWith('$')) continue;
        const value = (node as unknown as Record<string, unknown>)[property];
        if (isReference(value) || isMultiReference(value)) {
            action({ reference: value, container: node, property });
        } else if (Array.isArray(value)) {
            for (let index = 0; index < value.length; index++) {
                const element = value[index];
                // As Langium's streamReferences: an array element counts when it is a (single) reference.
                if (isReference(element)) action({ reference: element, container: node, property, index });
            }
        }
    }
}
