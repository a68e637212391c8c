/**
 * Quick fixes (code actions of kind `quickfix`) from the diagnostics the
 * client sends back: each rule's fixes travel in the diagnostic's `data`
 * (finding-diagnostics.ts), so the fix is exactly what the rule computed for
 * the text it checked; and for every rule finding, "Suppress with @allow",
 * which writes the comment above the node, table or field it is about.
 */
import type { LangiumDocument } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import type { Position } from '../model/topology.js';
import { RULES_BY_ID } from '../rules/registry.js';
import { UNUSED_ALLOW_ID } from '../rules/run-rules.js';
import type { FindingData } from '../language/validation/finding-diagnostics.js';

function dataOf(diagnostic: Diagnostic): FindingData | undefined {
    const data = diagnostic.data as Partial<FindingData> | undefined;
    return data && typeof data.ruleId === 'string' && Array.isArray(data.fixes) ? data as FindingData : undefined;
}

/** The `// @allow` line above the declaration starting at `at`, indented as it is. */
function allowEdit(text: string, at: Position, ruleId: string): TextEdit {
    const lines = text.split(/\r\n|\r|\n/);
    const indent = /^\s*/.exec(lines[at.line] ?? '')?.[0] ?? '';
    const newline = text.includes('\r\n') ? '\r\n' : '\n';
    const start = { line: at.line, character: 0 };
    return { range: { start, end: start }, newText: `${indent}// @allow ${ruleId}: TODO say why this is acceptable here${newline}` };
}

export class ArchCodeActionProvider implements CodeActionProvider {
    getCodeActions(document: LangiumDocument, params: CodeActionParams): CodeAction[] {
        const uri = document.uri.toString();
        const text = document.textDocument.getText();
        const actions: CodeAction[] = [];
        for (const diagnostic of params.context.diagnostics) {
            const data = dataOf(diagnostic);
            if (!data) continue;
            data.fixes.forEach((fix, i) => {
                actions.push({
                    title: fix.title,
                    kind: CodeActionKind.QuickFix,
                    diagnostics: [diagnostic],
                    // The first fix of a rule with a single clear remedy is what a "fix all" or a keybinding applies.
                    isPreferred: i === 0 && data.fixes.length === 1,
                    edit: { changes: { [uri]: fix.edits.map(edit => ({ range: edit.range, newText: edit.newText })) } }
                });
            });
            // An unused @allow is fixed by removing it, not by another @allow.
            if (data.allowAt && RULES_BY_ID.has(data.ruleId) && data.ruleId !== UNUSED_ALLOW_ID) {
                actions.push({
                    title: `Suppress ${data.ruleId} here with an @allow comment`,
                    kind: CodeActionKind.QuickFix,
                    diagnostics: [diagnostic],
                    edit: { changes: { [uri]: [allowEdit(text, data.allowAt, data.ruleId)] } }
                });
            }
        }
        return actions;
    }
}
