/**
 * Every diagnostic carries `source: "archscope"` and a code: parse errors are
 * `syntax`, unresolved names are `link` (RULES.md, last paragraph).
 */
import {
    Cancellation, DefaultDocumentValidator, DocumentValidator, interruptAndCheck,
    type AstNode, type LangiumDocument, type ValidationAcceptor, type ValidationCheck, type ValidationOptions
} from 'langium';
import type { Diagnostic, Position } from 'vscode-languageserver-types';
import { LINK_CODE, SYNTAX_CODE } from '../../rules/registry.js';
import type { ArchServices } from '../../arch-module.js';
import { astNodesInOrder } from '../ast-walk.js';
import { limitDiagnostics } from './diagnostic-limit.js';
import { lexingStoppedAt } from '../parser/arch-lexer.js';
import { MAX_PARSER_ERRORS } from '../parser/parse-limit.js';

export const DIAGNOSTIC_SOURCE = 'archscope';

/** How many AST nodes the validation walk visits between two `interruptAndCheck`s (Langium checks every node). */
const INTERRUPT_EVERY = 64;

export class ArchDocumentValidator extends DefaultDocumentValidator {
    private readonly docs: ArchServices['docs'];

    constructor(services: ArchServices) {
        super(services);
        this.docs = services.docs;
    }

    override async validateDocument(document: LangiumDocument, options?: ValidationOptions, cancelToken?: Cancellation.CancellationToken): Promise<Diagnostic[]> {
        const all = await super.validateDocument(document, options, cancelToken);
        const { parseResult } = document;
        const lexerStop = lexingStoppedAt(parseResult.lexerErrors);
        const parseStoppedAt = lexerStop !== undefined ? document.textDocument.positionAt(lexerStop) : parseStop(parseResult.parserErrors);
        const textErrorKinds: readonly unknown[] = [DocumentValidator.LexingError, DocumentValidator.ParsingError, DocumentValidator.LinkingError];
        const isTextError = (diagnostic: Diagnostic): boolean => textErrorKinds.includes((diagnostic.data as { code?: string } | undefined)?.code);
        const diagnostics = limitDiagnostics(all, { parseStoppedAt, isTextError });
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

    /**
     * Langium's walk, made cheaper for large files without changing what runs or in which order: the same
     * pre-order over the same properties (streamAst: the node list ast-walk.ts keeps per parse),
     * the same checks per node in registration order and the same cancellation. Langium's loop builds a
     * stream of checks per AST node (getChecks) and awaits `interruptAndCheck` for every node; a
     * 1,000-node model has ~13,000 AST nodes, most with no check at all. Here the checks are looked up
     * once per type for this run, nodes without checks cost no await, and a real cancellation token is
     * still checked (and the event loop let through) every few nodes. Measured by the validate phase of `npm run bench -- check`
     * (1,000 nodes): the whole Validated phase went from ~200 ms to ~90 ms.
     */
    protected override async validateAstNodes(
        rootNode: AstNode, options: ValidationOptions, acceptor: ValidationAcceptor,
        cancelToken: Cancellation.CancellationToken = Cancellation.CancellationToken.None
    ): Promise<void> {
        if (this.profiler?.isActive('validating')) return super.validateAstNodes(rootNode, options, acceptor, cancelToken);
        const checksByType = new Map<string, readonly ValidationCheck[]>();
        const cancellable = cancelToken !== Cancellation.CancellationToken.None;
        let visited = 0;
        // A node whose options say not to validate its children (none, unless an override says so).
        let skipping: AstNode | undefined;
        for (const node of astNodesInOrder(rootNode)) {
            if (skipping) {
                if (isInside(node, skipping)) continue;
                skipping = undefined;
            }
            if (cancellable && (++visited % INTERRUPT_EVERY === 0 || cancelToken.isCancellationRequested)) await interruptAndCheck(cancelToken);
            const nodeOptions = this.validateSingleNodeOptions(node, options);
            if (nodeOptions.validateNode) {
                let checks = checksByType.get(node.$type);
                if (!checks) {
                    checks = this.validationRegistry.getChecks(node.$type, options.categories).toArray();
                    checksByType.set(node.$type, checks);
                }
                for (const check of checks) {
                    // Awaited only when it returned a promise (arch-validation-registry.ts): a synchronous check costs no microtask turn.
                    const pending = check(node, acceptor, cancelToken);
                    if (pending) await pending;
                }
            }
            if (!nodeOptions.validateChildren) skipping = node;
        }
    }

    protected override getSource(): string {
        return DIAGNOSTIC_SOURCE;
    }
}

/** Where the parser stopped reading (parse-limit.ts), if it did: the token of its last counted error. */
function parseStop(errors: LangiumDocument['parseResult']['parserErrors']): Position | undefined {
    if (errors.length < MAX_PARSER_ERRORS) return undefined;
    const { token } = errors[MAX_PARSER_ERRORS - 1];
    const previous = (errors[MAX_PARSER_ERRORS - 1] as { previousToken?: typeof token }).previousToken;
    const at = Number.isNaN(token.startOffset) ? previous : token;
    return at && Number.isFinite(at.startLine) && Number.isFinite(at.startColumn) ? { line: at.startLine! - 1, character: at.startColumn! - 1 } : { line: 0, character: 0 };
}

function isInside(node: AstNode, ancestor: AstNode): boolean {
    for (let container = node.$container; container; container = container.$container) {
        if (container === ancestor) return true;
    }
    return false;
}
