/**
 * Every diagnostic carries `source: "archscope"` and a code: parse errors are
 * `syntax`, unresolved names are `link` (RULES.md, last paragraph).
 */
import { DefaultDocumentValidator, DocumentValidator, type Cancellation, type LangiumDocument, type ValidationOptions } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { LINK_CODE, SYNTAX_CODE } from '../rules/registry.js';
import type { ArchServices } from './arch-module.js';

export const DIAGNOSTIC_SOURCE = 'archscope';

export class ArchDocumentValidator extends DefaultDocumentValidator {
    private readonly docs: ArchServices['docs'];

    constructor(services: ArchServices) {
        super(services);
        this.docs = services.docs;
    }

    override async validateDocument(document: LangiumDocument, options?: ValidationOptions, cancelToken?: Cancellation.CancellationToken): Promise<Diagnostic[]> {
        const diagnostics = await super.validateDocument(document, options, cancelToken);
        for (const diagnostic of diagnostics) {
            const kind = (diagnostic.data as { code?: string } | undefined)?.code;
            if (kind === DocumentValidator.LexingError || kind === DocumentValidator.ParsingError) diagnostic.code = SYNTAX_CODE;
            else if (kind === DocumentValidator.LinkingError) diagnostic.code = LINK_CODE;
            if (typeof diagnostic.code === 'string' && !diagnostic.codeDescription) {
                const href = this.docs.ruleUrl(diagnostic.code);
                if (href) diagnostic.codeDescription = { href };
            }
            diagnostic.source = DIAGNOSTIC_SOURCE;
        }
        return diagnostics;
    }

    protected override getSource(): string {
        return DIAGNOSTIC_SOURCE;
    }
}
