/**
 * The reference index, described when first asked for rather than on every
 * build. Langium describes every reference of a document (source and target
 * URIs, AST paths, ranges) right after linking, for find-references, rename
 * and for telling which other documents a change affects. In archscope a name
 * only ever resolves inside its own system, hence its own file, so on most
 * keystrokes nothing reads those descriptions; describing them was ~13 ms of
 * a 1,000-node check (the reference index phase of `npm run bench -- check`). The descriptions are the same, made
 * from the same linked AST, only later: at the first find-references, rename
 * or affected-document question after the build.
 */
import {
    Cancellation, DefaultIndexManager, type AstNode, type LangiumDocument, type ReferenceDescription, type Stream, type URI
} from 'langium';
import { ArchReferenceDescriptionProvider } from './arch-reference-descriptions.js';

export class ArchIndexManager extends DefaultIndexManager {
    /** Documents linked since their references were last described, by URI. */
    private readonly undescribed = new Map<string, LangiumDocument>();

    override async updateReferences(document: LangiumDocument, cancelToken = Cancellation.CancellationToken.None): Promise<void> {
        const provider = this.serviceRegistry.getServices(document.uri).workspace.ReferenceDescriptionProvider;
        if (!(provider instanceof ArchReferenceDescriptionProvider)) return super.updateReferences(document, cancelToken);
        const uri = document.uri.toString();
        this.referenceIndex.delete(uri);
        this.undescribed.set(uri, document);
    }

    override removeReferences(uri: URI): void {
        this.undescribed.delete(uri.toString());
        super.removeReferences(uri);
    }

    override findAllReferences(targetNode: AstNode, astNodePath: string): Stream<ReferenceDescription> {
        for (const uri of [...this.undescribed.keys()]) this.describe(uri);
        return super.findAllReferences(targetNode, astNodePath);
    }

    override isAffected(document: LangiumDocument, changedUris: Set<string>): boolean {
        this.describe(document.uri.toString());
        return super.isAffected(document, changedUris);
    }

    private describe(uri: string): void {
        const document = this.undescribed.get(uri);
        if (!document) return;
        this.undescribed.delete(uri);
        const provider = this.serviceRegistry.getServices(document.uri).workspace.ReferenceDescriptionProvider as ArchReferenceDescriptionProvider;
        this.referenceIndex.set(uri, provider.describeNow(document));
    }
}
