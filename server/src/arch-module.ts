/** The archscope language services: Langium's defaults plus this folder's overrides. */
import {
    inject, type LangiumCoreServices, type LangiumSharedCoreServices, type Module, type PartialLangiumCoreServices
} from 'langium';
import {
    createDefaultModule, createDefaultSharedModule, type DefaultSharedModuleContext, type LangiumServices,
    type LangiumSharedServices, type PartialLangiumServices
} from 'langium/lsp';
import { ArchGeneratedModule, ArchGeneratedSharedModule } from './language/generated/module.js';
import { ArchCodeActionProvider } from './lsp/arch-code-action-provider.js';
import { ArchCodeLensProvider } from './lsp/arch-code-lens-provider.js';
import { ArchCompletionProvider } from './lsp/arch-completion-provider.js';
import { ArchConfigurationProvider } from './language/workspace/arch-configuration.js';
import { ArchDocumentSymbolProvider } from './lsp/arch-document-symbol-provider.js';
import { ArchDocumentUpdateHandler } from './lsp/arch-document-update-handler.js';
import { ArchValidationRegistry } from './language/validation/arch-validation-registry.js';
import { ArchDocumentValidator } from './language/validation/arch-document-validator.js';
import { ArchFoldingRangeProvider } from './lsp/arch-folding-range-provider.js';
import { ArchFormatter } from './lsp/arch-formatter.js';
import { ArchHoverProvider } from './lsp/arch-hover-provider.js';
import { ArchIndexManager } from './language/references/arch-index-manager.js';
import { ArchLexer } from './language/parser/arch-lexer.js';
import { ArchLexerErrorMessageProvider } from './language/parser/arch-lexer-messages.js';
import { ArchLinker } from './language/references/arch-linker.js';
import { ArchAstNodeDescriptionProvider } from './language/references/arch-node-descriptions.js';
import { createArchParser } from './language/parser/arch-parser.js';
import { ArchParserErrorMessageProvider } from './language/parser/arch-parser-messages.js';
import { ArchReferenceDescriptionProvider } from './language/references/arch-reference-descriptions.js';
import { ArchRenameProvider } from './lsp/arch-rename-provider.js';
import { ArchScopeComputation } from './language/references/arch-scope-computation.js';
import { ArchScopeProvider } from './language/references/arch-scope-provider.js';
import { ArchSemanticTokenProvider } from './lsp/arch-semantic-token-provider.js';
import { ArchValidator } from './language/validation/arch-validator.js';
import { ArchWorkspaceManager } from './language/workspace/arch-workspace-manager.js';
import { DocumentAnalysis } from './language/validation/document-analysis.js';
import { ArchEditorSettings } from './language/workspace/editor-settings.js';
import { RuleDocs } from './language/workspace/rule-docs.js';
import { ArchRuleSettings, type ProjectConfigLookup } from './language/workspace/rule-settings.js';

export interface ArchAddedServices {
    validation: { ArchValidator: ArchValidator };
    settings: ArchRuleSettings;
    /** The `archscope` settings that are not rule severities (code lenses on or off). */
    editorSettings: ArchEditorSettings;
    docs: RuleDocs;
    analysis: DocumentAnalysis;
}

export type ArchServices = LangiumServices & ArchAddedServices;

/**
 * What depends on where the server runs. Node (the server, the CLI, the tests) passes
 * `nodeModuleOptions` (arch-module-node.ts): the rule pages beside the bundle and the `.archscope.json`
 * files on disk; the browser's server (web/server-worker.ts) links the pages of its site and reads no files.
 */
export interface ArchModuleOptions {
    /** Where a diagnostic links its rule's page; without it, nowhere. */
    docs?: RuleDocs;
    /** The `.archscope.json` of a document; without it, only the editor's setting applies. */
    projectConfigs?: ProjectConfigLookup;
}

export function createArchModule(options: ArchModuleOptions = {}): Module<ArchServices, PartialLangiumServices & ArchAddedServices> {
    return {
        validation: {
            ArchValidator: services => new ArchValidator(services),
            DocumentValidator: services => new ArchDocumentValidator(services),
            ValidationRegistry: services => new ArchValidationRegistry(services)
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
        settings: () => new ArchRuleSettings(options.projectConfigs),
        editorSettings: () => new ArchEditorSettings(),
        analysis: () => new DocumentAnalysis(),
        docs: () => options.docs ?? new RuleDocs(undefined)
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
