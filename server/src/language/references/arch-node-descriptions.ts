/**
 * Descriptions of named nodes (what a scope holds) with their path and
 * segments computed when first read. Langium's provider builds every
 * description's AST path (a string walked up from the node) and its selection
 * segment at once; the scopes of a 1,000-node model hold ~2,500 descriptions,
 * and linking reads only `node` and `name` from them. The path is read when the
 * reference index is described, the segments by hover and definition. The same
 * object with the same keys in the same order, each value the same when read
 * (an AST does not change after its parse).
 */
import { AstUtils, CstUtils, DefaultAstNodeDescriptionProvider, type AstNode, type AstNodeDescription, type DocumentSegment, type LangiumDocument } from 'langium';

export class ArchAstNodeDescriptionProvider extends DefaultAstNodeDescriptionProvider {
    override createDescription(node: AstNode, name: string | undefined, document?: LangiumDocument): AstNodeDescription {
        const uri = (document ?? AstUtils.getDocument(node)).uri;
        name ??= this.nameProvider.getName(node);
        const locator = this.astNodeLocator;
        if (!name) throw new Error(`Node at path ${locator.getAstNodePath(node)} has no name.`);
        const names = this.nameProvider;
        let nameSegment: DocumentSegment | undefined;
        let selectionSegment: DocumentSegment | undefined;
        let path: string | undefined;
        return {
            node,
            name,
            get nameSegment() {
                return (nameSegment ??= CstUtils.toDocumentSegment(names.getNameNode(node) ?? node.$cstNode));
            },
            get selectionSegment() {
                return (selectionSegment ??= CstUtils.toDocumentSegment(node.$cstNode));
            },
            type: node.$type,
            documentUri: uri,
            get path() {
                return (path ??= locator.getAstNodePath(node));
            }
        };
    }
}
