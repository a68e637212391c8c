/** Linking errors that say what the name should have been, and offer the closest one that exists. */
import { AstUtils, DefaultLinker, type AstNodeDescription, type LinkingError, type ReferenceInfo } from 'langium';
import { isSystem, isTable, type System, type Table } from './generated/ast.js';
import { closestName } from './closest-name.js';

const WHAT: Record<string, string> = { Node: 'node', Zone: 'zone', Table: 'table', Field: 'field' };

export class ArchLinker extends DefaultLinker {
    protected override createLinkingError(refInfo: ReferenceInfo, targetDescription?: AstNodeDescription): LinkingError {
        const error = super.createLinkingError(refInfo, targetDescription);
        const name = refInfo.reference.$refText;
        const type = this.reflection.getReferenceType(refInfo);
        const system = AstUtils.getContainerOfType(refInfo.container, isSystem);
        const table = AstUtils.getContainerOfType(refInfo.container, isTable);
        const owner = type === 'Field' && table ? `table ${table.name}` : `system ${system?.name ?? '(unnamed)'}`;
        const candidates = this.candidateNames(type, system, table);
        const suggestion = closestName(name, candidates);
        const hint = suggestion ? ` Did you mean \`${suggestion}\`?`
            : type === 'Zone' ? ` Declare it with \`zone ${name}\`.` : '';
        return { ...error, message: `\`${name}\` is not a ${WHAT[type] ?? type.toLowerCase()} of ${owner}.${hint}` };
    }

    private candidateNames(type: string, system: System | undefined, table: Table | undefined): string[] {
        if (type === 'Field') return table?.members.flatMap(m => (m.$type === 'Field' ? [m.name] : [])) ?? [];
        if (!system) return [];
        if (type === 'Table') {
            return system.members.flatMap(m => (m.$type === 'Node' ? m.props.flatMap(p => (p.$type === 'Table' ? [p.name] : [])) : []));
        }
        return system.members.flatMap(m => (m.$type === type && 'name' in m ? [m.name] : []));
    }
}
