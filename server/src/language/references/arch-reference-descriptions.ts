/**
 * The reference index (find references, rename): Langium's descriptions, built
 * over the same nodes and references in the same order (ast-walk.ts) without a
 * stream per AST node and an await per node. The index asks for them on first
 * use (arch-index-manager.ts), so they are described at once, synchronously.
 * On a 1,000-node model: IndexedReferences ~27 ms → ~15 ms when it was still
 * done on every build (`npm run bench -- check` prints the reference index phase).
 */
import {
    Cancellation, DefaultReferenceDescriptionProvider, interruptAndCheck, type LangiumDocument, type ReferenceDescription
} from 'langium';
import { referencesInOrder } from '../ast-walk.js';

export class ArchReferenceDescriptionProvider extends DefaultReferenceDescriptionProvider {
    override async createDescriptions(
        document: LangiumDocument, cancelToken: Cancellation.CancellationToken = Cancellation.CancellationToken.None
    ): Promise<ReferenceDescription[]> {
        await interruptAndCheck(cancelToken);
        return this.describeNow(document);
    }

    /** The descriptions of every linked reference of `document`, in streamReferences' order. */
    describeNow(document: LangiumDocument): ReferenceDescription[] {
        const descriptions: ReferenceDescription[] = [];
        for (const info of referencesInOrder(document.parseResult.value)) {
            if (!info.reference.error) descriptions.push(...this.createInfoDescriptions(info));
        }
        return descriptions;
    }
}
