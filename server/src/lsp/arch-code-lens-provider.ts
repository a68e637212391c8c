/**
 * Code lenses: the estimates in one line above each node on a request path and
 * above the system (code-lens-titles.ts). Langium asks per document, when the
 * editor does, so they are computed on request from the document's one
 * analysis. Clicking one runs `archscope.showEstimates` (name, uri, range of the
 * name): the extension shows the hover there, with the inputs and formulas.
 */
import type { LangiumDocument, MaybePromise } from 'langium';
import type { CodeLensProvider } from 'langium/lsp';
import type { CodeLens, CodeLensParams, Range } from 'vscode-languageserver';
import type { SourceRange } from '../model/topology.js';
import type { ArchServices } from '../arch-module.js';
import { nodeLensTitle, systemLensTitle } from '../present/code-lens-titles.js';
import { overallReadShare } from '../estimates/load.js';
import type { DocumentAnalysis } from '../language/validation/document-analysis.js';
import type { ArchEditorSettings } from '../language/workspace/editor-settings.js';
import { isModel } from '../language/generated/ast.js';

export const SHOW_ESTIMATES_COMMAND = 'archscope.showEstimates';

export class ArchCodeLensProvider implements CodeLensProvider {
    private readonly analysis: DocumentAnalysis;
    private readonly settings: ArchEditorSettings;

    constructor(services: ArchServices) {
        this.analysis = services.analysis;
        this.settings = services.editorSettings;
    }

    provideCodeLens(document: LangiumDocument, _params: CodeLensParams): MaybePromise<CodeLens[] | undefined> {
        if (!this.settings.codeLensEnabled) return [];
        const model = document.parseResult.value;
        if (!isModel(model)) return [];
        const uri = document.uri.toString();
        const lenses: CodeLens[] = [];
        for (const { topology, context } of this.analysis.analyze(model)) {
            const result = context.estimates();
            const systemTitle = systemLensTitle(result);
            if (systemTitle) lenses.push(lens(topology.nameRange, systemTitle, topology.name, uri));
            const estimates = new Map(result.nodes.map(estimate => [estimate.name, estimate]));
            const readShare = overallReadShare(topology);
            for (const node of topology.nodes) {
                const estimate = estimates.get(node.name);
                if (!estimate || !context.graph.onRequestPath.has(node.name)) continue;
                lenses.push(lens(node.nameRange, nodeLensTitle(node, estimate, readShare), node.name, uri));
            }
        }
        return lenses;
    }
}

function lens(range: SourceRange, title: string, name: string, uri: string): CodeLens {
    const at: Range = { start: { ...range.start }, end: { ...range.end } };
    return { range: at, command: { title, command: SHOW_ESTIMATES_COMMAND, arguments: [name, uri, at] } };
}
