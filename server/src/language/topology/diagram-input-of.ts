/**
 * The diagram input of a validated document: the Topology and estimates of
 * its first system (from the shared analysis, so nothing is built twice) and
 * its diagnostics as findings, severities as the user configured them.
 */
import type { LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { DiagramFinding, DiagramInput } from '../../diagram/diagram-input.js';
import type { Severity } from '../../diagram/scene.js';
import type { DocumentAnalysis } from '../validation/document-analysis.js';
import type { FindingData } from '../validation/finding-diagnostics.js';
import type { Model } from '../generated/ast.js';

const SEVERITY: Record<number, Severity> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'info' };

export function diagnosticToFinding(diagnostic: Diagnostic): DiagramFinding {
    const data = diagnostic.data as Partial<FindingData> | undefined;
    return {
        ruleId: String(diagnostic.code ?? 'syntax'),
        severity: SEVERITY[diagnostic.severity ?? 1],
        message: diagnostic.message,
        node: typeof data?.node === 'string' ? data.node : null,
        range: diagnostic.range
    };
}

/** True when the text did not parse cleanly: what is drawn from it would be missing pieces. */
export function hasSyntaxErrors(document: LangiumDocument<Model>): boolean {
    return document.parseResult.lexerErrors.length > 0 || document.parseResult.parserErrors.length > 0;
}

/**
 * What the diagram of a document is made from, captured when the document was validated (Langium reuses
 * the document object for the next parse): built on first use, since only an open panel or an export needs it.
 * The closure holds plain data only (the Topology, its rule context, the diagnostics), never the AST: the
 * last good input outlives its parse while the text has syntax errors, and an AST of a large paste kept
 * that way held ~630 MB after the paste was undone (`npm run bench -- fuzz`).
 */
export function diagramSource(document: LangiumDocument<Model>, analysis: DocumentAnalysis): () => DiagramInput | undefined {
    const first = analysis.analyze(document.parseResult.value)[0];
    if (!first) return () => undefined;
    const { topology, context } = first;
    const diagnostics = (document.diagnostics ?? []).slice();
    let input: DiagramInput | undefined;
    return () => (input ??= { topology, findings: diagnostics.map(diagnosticToFinding), estimates: context.estimates() });
}
