/**
 * Scoping: names resolve inside their own system, never to a same-named
 * declaration of another file's system. Nodes, zones and tables are looked up
 * in one map per system and type (built once per parse: a 5,000-node system
 * links in linear time); fields resolve in their own table (Langium's default
 * local scope).
 */
import { AstUtils, DefaultScopeProvider, EMPTY_SCOPE, MapScope, type AstNode, type ReferenceInfo, type Scope } from 'langium';
import { isSystem, type System } from '../generated/ast.js';

/** `Failable` is what a scenario's `fail` names: a zone or a node. */
type SystemScopedType = 'Node' | 'Zone' | 'Table' | 'Failable';
const SYSTEM_SCOPED = new Set<string>(['Node', 'Zone', 'Table', 'Failable']);

export class ArchScopeProvider extends DefaultScopeProvider {
    /** Keyed by the AST node, so a re-parse (new AST) never sees a stale scope. */
    private readonly systemScopes = new WeakMap<System, Map<SystemScopedType, Scope>>();

    override getScope(context: ReferenceInfo): Scope {
        const type = this.reflection.getReferenceType(context);
        if (!SYSTEM_SCOPED.has(type)) return super.getScope(context);
        const system = AstUtils.getContainerOfType(context.container, isSystem);
        if (!system) return EMPTY_SCOPE;
        let scopes = this.systemScopes.get(system);
        if (!scopes) {
            scopes = new Map();
            this.systemScopes.set(system, scopes);
        }
        let scope = scopes.get(type as SystemScopedType);
        if (!scope) {
            const declarations = declarationsOf(system, type as SystemScopedType);
            // The first declaration of a name wins, as in the Topology; the validator reports the duplicate.
            const seen = new Set<string>();
            const descriptions = declarations
                .filter(node => !seen.has(node.name) && seen.add(node.name))
                .map(node => this.descriptions.createDescription(node, node.name));
            scope = new MapScope(descriptions);
            scopes.set(type as SystemScopedType, scope);
        }
        return scope;
    }
}

function declarationsOf(system: System, type: SystemScopedType): (AstNode & { name: string })[] {
    const result: (AstNode & { name: string })[] = [];
    for (const member of system.members) {
        if (type === 'Table') {
            if (member.$type !== 'Node') continue;
            for (const prop of member.props) if (prop.$type === 'Table' && prop.name) result.push(prop);
        } else if (member.$type === 'Zone' || member.$type === 'Node') {
            if (member.name && (member.$type === type || type === 'Failable')) result.push(member);
        }
    }
    return result;
}
