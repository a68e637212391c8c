/** Multi-master data (RULES.md): mm-*. */
import type { Field, Table, TopologyNode } from '../model/topology.js';
import { fix, retype } from './fixes.js';
import type { Rule, RuleFinding } from './rule.js';

const FAMILY = 'Multi-master data';

/**
 * Nodes whose every copy takes writes. For multi_master `replicas` counts the
 * nodes in all; with fewer than two there is no second master to conflict with.
 */
function multiMasters(nodes: readonly TopologyNode[]): TopologyNode[] {
    return nodes.filter(node => node.replication?.topology === 'multi_master' && node.replication.replicas >= 2);
}

function masters(node: TopologyNode): string {
    return `${node.name} is multi_master with ${node.replication!.replicas} masters`;
}

/** Every field of every table of the multi-master nodes that `matches`, as a finding on that field. */
function fieldFindings(
    nodes: readonly TopologyNode[],
    matches: (field: Field) => boolean,
    report: (node: TopologyNode, table: Table, field: Field) => Omit<RuleFinding, 'node' | 'range' | 'target'>
): RuleFinding[] {
    return multiMasters(nodes).flatMap(node => node.tables.flatMap(table => table.fields
        .filter(matches)
        .map((field): RuleFinding => ({
            node: node.name,
            range: field.range,
            target: { node: node.name, table: table.name, field: field.name },
            ...report(node, table, field)
        }))));
}

export const mmAutoIncrement: Rule = {
    id: 'mm-auto-increment',
    family: FAMILY,
    defaultSeverity: 'error',
    title: 'An auto_increment field in a multi_master database: two masters hand out the same id.',
    check({ topology }) {
        return fieldFindings(topology.nodes, field => field.type === 'auto_increment', (node, table, field) => ({
            message: `${table.name}.${field.name} in ${node.name} is auto_increment, but ${masters(node)} that each take inserts and count on their own: two rows inserted at the same time on different masters get the same ${field.name}, and replication then rejects one of them or overwrites one user's row with another's.`,
            fixes: [
                fix(`Make ${table.name}.${field.name} a uuid (generated anywhere, no coordination)`, retype(field, 'uuid')),
                fix(`Make ${table.name}.${field.name} a snowflake id (time-ordered; give each master its own worker id)`, retype(field, 'snowflake'))
            ]
        }));
    }
};

export const mmCounter: Rule = {
    id: 'mm-counter',
    family: FAMILY,
    defaultSeverity: 'error',
    title: 'A counter field in a multi_master database: concurrent updates overwrite each other.',
    check({ topology }) {
        return fieldFindings(topology.nodes, field => field.type === 'counter', (node, table, field) => ({
            // No quick fix: a counter needs one place that serializes its updates, which is a change of design, not of a word.
            message: `${table.name}.${field.name} in ${node.name} is a counter, but ${masters(node)}: two masters that update it at the same time each read the old value and write their own result, and replication keeps only one. ${field.name} at 100, −1 on one master and −2 on another: after replication it reads 99 (or 98) instead of 97, so updates are silently lost (oversold stock, wrong balances).`
        }));
    }
};

export const mmUnique: Rule = {
    id: 'mm-unique',
    family: FAMILY,
    defaultSeverity: 'warning',
    title: 'A unique field in a multi_master database: the same value can be inserted on two masters.',
    check({ topology }) {
        return fieldFindings(topology.nodes, field => field.unique, (node, table, field) => {
            const generated = field.type === 'uuid' || field.type === 'snowflake'
                ? ` Generated ${field.type} values do not collide; the risk is a value a client supplies twice, such as a retried request.`
                : '';
            return {
                message: `${table.name}.${field.name} in ${node.name} is unique, but ${masters(node)} and each checks uniqueness against its own rows only: the same ${field.name} can be inserted on two masters at the same time (two sign-ups with the same ${field.name}), and replication then fails or keeps both.${generated}`
            };
        });
    }
};

export const mmEntityData: Rule = {
    id: 'mm-entity-data',
    family: FAMILY,
    defaultSeverity: 'info',
    title: 'Entity data in a multi_master database: only data that may be lost or overwritten is safe there.',
    check({ topology }) {
        return multiMasters(topology.nodes).flatMap(node => node.tables
            .filter(table => table.kind === 'entity')
            .map((table): RuleFinding => ({
                node: node.name,
                range: table.nameRange,
                target: { node: node.name, table: table.name },
                // No quick fix: changing the kind would only silence the check; see docs/rules/mm-entity-data.md.
                message: `Table ${table.name} in ${node.name} holds entity data (kind entity, the default kind), but ${masters(node)}: when two masters change the same row at once, one change silently overwrites the other, so users lose updates to ${table.name}. Only data that may be lost or overwritten (kind session, log, draft) is safe there.`
            })));
    }
};

export const MULTI_MASTER_RULES: readonly Rule[] = [mmAutoIncrement, mmCounter, mmUnique, mmEntityData];
