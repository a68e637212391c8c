/** A rule's Finding as a Langium diagnostic: code = rule ID, href = rule page, data = node and fixes. */
import type { AstNode, DiagnosticInfo, ValidationSeverity } from 'langium';
import type { Finding, Fix } from '../rules/rule.js';
import type { RuleDocs } from './rule-docs.js';

/** What a diagnostic of a finding carries in `data`, for quick fixes and the diagram. */
export interface FindingData {
    ruleId: string;
    node?: string;
    fixes: Fix[];
}

export function findingToDiagnosticInfo(finding: Finding, anchor: AstNode, docs: RuleDocs): {
    severity: ValidationSeverity; message: string; info: DiagnosticInfo<AstNode>;
} {
    const href = docs.ruleUrl(finding.ruleId);
    const data: FindingData = { ruleId: finding.ruleId, node: finding.node, fixes: finding.fixes ?? [] };
    return {
        severity: finding.severity,
        message: finding.message,
        info: {
            node: anchor,
            range: finding.range,
            code: finding.ruleId,
            codeDescription: href ? { href } : undefined,
            data
        }
    };
}
