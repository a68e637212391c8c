/** The archscope language services: Langium's defaults plus this folder's overrides. */
import {
    inject, type LangiumCoreServices, type LangiumSharedCoreServices, type Module, type PartialLangiumCoreServices
} from 'langium';
import {
    createDefaultModule, createDefaultSharedModule, type DefaultSharedModuleContext, type LangiumServices,
    type LangiumSharedServices, type PartialLangiumServices
} from 'langium/lsp';
import { ArchGeneratedModule, ArchGeneratedSharedModule } from './generated/module.js';
import { ArchCodeActionProvider } from './arch-code-action-provider.js';
import { ArchCodeLensProvider } from './arch-code-lens-provider.js';
import { ArchCompletionProvider } from './arch-completion-provider.js';
import { ArchConfigurationProvider } from './arch-configuration.js';
import { ArchDocumentSymbolProvider } from './arch-document-symbol-provider.js';
import { ArchDocumentUpdateHandler } from './arch-document-update-handler.js';
import { ArchDocumentValidator } from './arch-document-validator.js';
import { ArchFoldingRangeProvider } from './arch-folding-range-provider.js';
import { ArchFormatter } from './arch-formatter.js';
import { ArchHoverProvider } from './arch-hover-provider.js';
import { ArchIndexManager } from './arch-index-manager.js';
import { ArchLexer } from './arch-lexer.js';
import { ArchLexerErrorMessageProvider } from './arch-lexer-messages.js';
import { ArchLinker } from './arch-linker.js';
import { ArchAstNodeDescriptionProvider } from './arch-node-descriptions.js';
import { createArchParser } from './arch-parser.js';
import { ArchParserErrorMessageProvider } from './arch-parser-messages.js';
import { ArchReferenceDescriptionProvider } from './arch-reference-descriptions.js';
import { ArchRenameProvider } from './arch-rename-provider.js';
import { ArchScopeComputation } from './arch-scope-computation.js';
import { ArchScopeProvider } from './arch-scope-provider.js';
import { ArchSemanticTokenProvider } from './arch-semantic-token-provider.js';
import { ArchValidator } from './arch-validator.js';
import { ArchWorkspaceManager } from './arch-workspace-manager.js';
import { DocumentAnalysis } from './document-analysis.js';
import { ArchEditorSettings } from './editor-settings.js';
import { RuleDocs } from './rule-docs.js';
import { ArchRuleSettings } from './rule-settings.js';

export interface ArchAddedServices {
    validation: { ArchValidator: ArchValidator };
    settings: ArchRuleSettings;
    /** The `archscope` settings that are not rule severities (code lenses on or off). */
    editorSettings: ArchEditorSettings;
    docs: RuleDocs;
    analysis: DocumentAnalysis;
}

export type ArchServices = LangiumServices & ArchAddedServices;

export interface ArchModuleOptions {
    /** Where to look for `docs/rules` (the folder of the running bundle); defaults to the working directory. */
    docsFrom?: string;
}

export function createArchModule(options: ArchModuleOptions = {}): Module<ArchServices, PartialLangiumServices & ArchAddedServices> {
    return {
        validation: {
            ArchValidator: services => new ArchValidator(services),
            DocumentValidator: services => new ArchDocumentValidator(services)
        },
        references: {
            Linker: services => new ArchLinker(services),
            ScopeProvider: services => new ArchScopeProvider(services),
            ScopeComputation: services => new ArchScopeComputation(services)
        },
        workspace: {
            ReferenceDescriptionProvider: services => new ArchReferenceDescriptionProvider(services),
            AstNodeDescriptionProvider: services => new ArchAstNodeDescriptionProvider(services)
        },
        parser: {
            Lexer: services => new ArchLexer(services),
            LangiumParser: services => createArchParser(services),
            ParserErrorMessageProvider: () => new ArchParserErrorMessageProvider(),
            LexerErrorMessageProvider: () => new ArchLexerErrorMessageProvider()
        },
        lsp: {
            HoverProvider: services => new ArchHoverProvider(services),
            CodeLensProvider: services => new ArchCodeLensProvider(services),
            CompletionProvider: services => new ArchCompletionProvider(services),
            Formatter: () => new ArchFormatter(),
            RenameProvider: services => new ArchRenameProvider(services),
            SemanticTokenProvider: services => new ArchSemanticTokenProvider(services),
            DocumentSymbolProvider: services => new ArchDocumentSymbolProvider(services),
            FoldingRangeProvider: services => new ArchFoldingRangeProvider(services),
            CodeActionProvider: () => new ArchCodeActionProvider()
        },
        settings: () => new ArchRuleSettings(),
        editorSettings: () => new ArchEditorSettings(),
        analysis: () => new DocumentAnalysis(),
        docs: () => RuleDocs.from(options.docsFrom ?? process.cwd())
    };
}

/**
 * Creates the shared services and the language services. With a connection
 * (`context.connection`) they serve LSP; without one (CLI, tests) they run headless.
 */
export function createArchServices(context: DefaultSharedModuleContext, options: ArchModuleOptions = {}): {
    shared: LangiumSharedServices;
    Arch: ArchServices;
} {
    const shared = inject(createDefaultSharedModule(context), ArchGeneratedSharedModule, {
        workspace: {
            ConfigurationProvider: services => new ArchConfigurationProvider(services),
            IndexManager: services => new ArchIndexManager(services),
            WorkspaceManager: services => new ArchWorkspaceManager(services)
        },
        lsp: { DocumentUpdateHandler: services => new ArchDocumentUpdateHandler(services) }
    });
    const Arch = inject(
        createDefaultModule({ shared }),
        ArchGeneratedModule as Module<LangiumCoreServices, PartialLangiumCoreServices>,
        createArchModule(options)
    );
    shared.ServiceRegistry.register(Arch);
    const validator = Arch.validation.ArchValidator;
    Arch.validation.ValidationRegistry.register(validator.checks(), validator);
    if (!context.connection) {
        // Headless: nothing will send the LSP `initialized` notification, and settings reads would wait for it forever.
        void shared.workspace.ConfigurationProvider.initialized({});
    }
    return { shared, Arch };
}

export type { LangiumSharedCoreServices };
