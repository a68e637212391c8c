/**
 * What belongs where the grammar accepted a stray word (`invalid+=ID`), so the
 * message can say what to write instead: "`two` is not a number: `instances`
 * takes a whole number, as in `instances 2`."
 */
import type { AstNode } from 'langium';

const NUMBER_EXAMPLES: Record<string, string> = {
    Keys: 'a whole number of distinct keys, optionally with a skew: `keys 2000000 zipf 1.1`',
    Instances: 'a whole number: `instances 2`, optionally `active_active` or `active_passive`',
    Autoscale: 'a range of whole numbers: `autoscale 2..10`',
    Replicas: 'a whole number: `replicas 2`'
};

const WORDS: Record<string, string> = {
    Sessions: '`none`, `local`, `cookie` or `store NODE`',
    Algorithm: '`random`, `round_robin`, `least_connections`, `weighted` or `ip_hash`',
    Sticky: '`on` or `off`',
    Routing: '`geo`, `round_robin` or `failover`',
    Replication: '`primary_backup`, `primary_replica` or `multi_master`',
    Mode: '`async` or `sync`',
    Failover: '`manual`, `interconnect`, `probe` or `arbiter NODE`',
    TableKind: '`entity`, `session`, `log` or `draft`',
    FieldType: '`auto_increment`, `uuid`, `snowflake`, `counter`, `timestamp`, `text`, `number`, `bool` or `ref TABLE`'
};

/** The message for a stray `word` inside an AST node of type `node.$type`. */
export function invalidValueMessage(node: AstNode & { keyword?: string }, word: string): string {
    const owner = node.$container as (AstNode & { keyword?: string }) | undefined;
    switch (node.$type) {
        case 'Quantity': {
            const keyword = owner?.keyword ?? 'this value';
            const isRate = owner?.$type === 'Peak' || owner?.$type === 'Capacity';
            return `\`${word}\` is not a ${isRate ? 'rate' : 'duration'}: \`${keyword}\` takes a number and a unit, as in \`${keyword} ${isRate ? '400 rps' : '25ms'}\`.`;
        }
        case 'Percent':
            return `\`${word}\` is not a percentage: \`${owner?.keyword ?? 'this value'}\` takes one, as in \`${owner?.keyword ?? ''} 90%\`.`;
        case 'Shards':
            return `\`${word}\` does not belong here: write \`shards N by STRATEGY\` with STRATEGY one of \`range\`, \`hash\`, \`consistent_hash\`, \`directory\` or \`date\`.`;
        case 'FieldType':
            return `\`${word}\` is not a field type: use ${WORDS.FieldType}.`;
        case 'ScenarioPeak':
            return `\`${word}\` is not a peak: a scenario's \`peak\` is a total rate (\`peak 30000 rps\`) or a factor of every client's peak (\`peak 2x\`).`;
    }
    const keyword = node.keyword ?? node.$type.toLowerCase();
    if (NUMBER_EXAMPLES[node.$type]) return `\`${word}\` is not a number: \`${keyword}\` takes ${NUMBER_EXAMPLES[node.$type]}.`;
    if (WORDS[node.$type]) return `\`${word}\` is not a valid \`${keyword}\`: use ${WORDS[node.$type]}.`;
    return `\`${word}\` does not belong after \`${keyword}\`.`;
}

/** Every AST type whose grammar rule has an `invalid+=ID` alternative. */
export const TYPES_WITH_INVALID = [
    'Keys', 'Instances', 'Autoscale', 'Sessions', 'Algorithm', 'Sticky', 'Routing', 'Replication', 'Replicas',
    'Mode', 'Failover', 'Shards', 'TableKind', 'FieldType', 'Quantity', 'Percent', 'ScenarioPeak'
] as const;
