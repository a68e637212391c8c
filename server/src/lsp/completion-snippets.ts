/**
 * The snippets completion offers: a new node of each kind (where a node may
 * start) and a starter system (where a system may start). Each body is a
 * VS Code snippet (`${1:default}` tab stops, `${1|a,b|}` choices, `\t` for one
 * indentation level); with its defaults it is a valid, finding-light design
 * (test/language/completion.test.ts parses each one).
 */
export interface Snippet {
    label: string;
    detail: string;
    body: string;
    /** The text inserted when every tab stop keeps its default. */
    preview: string;
}

function snippet(label: string, detail: string, lines: string[]): Snippet {
    const body = lines.join('\n');
    return { label, detail, body, preview: expandSnippet(body).replace(/\t/g, '  ') };
}

/** The text a snippet inserts with every placeholder at its default (a choice at its first option). */
export function expandSnippet(body: string): string {
    let text = body;
    // Innermost first, until no placeholder is left (defaults do not nest here, but stay safe).
    for (let previous = ''; previous !== text;) {
        previous = text;
        text = text.replace(/\$\{\d+:([^{}$]*)\}/g, '$1').replace(/\$\{\d+\|([^,|}]*)[^}]*\|\}/g, '$1').replace(/\$\d+/g, '');
    }
    return text;
}

/** A target block and a scenario, where a member of a system may start. */
export const TARGET_SNIPPET = snippet('target', 'The system\'s targets', [
    'target {', '\tavailability ${1:99.9}%', '\tp99 ${2:500ms}', '\tutilization ${3:75}%', '}'
]);
export const SCENARIO_SNIPPET = snippet('scenario', 'A what-if scenario', [
    'scenario ${1:black_friday} {', '\tpeak ${2:2}x', '}'
]);

export const NODE_SNIPPETS: Readonly<Record<string, Snippet>> = {
    dns: snippet('dns', 'New dns node', ['dns ${1:front} {', '\trouting ${2|geo,round_robin,failover|}', '}']),
    cdn: snippet('cdn', 'New cdn node', ['cdn ${1:assets} {', '\thit ${2:90}%', '}']),
    balancer: snippet('balancer', 'New balancer node', [
        'balancer ${1:edge} {', '\tinstances ${2:2}', '\thealth every ${3:5s}',
        '\talgorithm ${4|least_connections,round_robin,random,weighted,ip_hash|}', '}'
    ]),
    service: snippet('service', 'New service node', [
        'service ${1:api} {', '\tinstances ${2:2}', '\tcapacity ${3:400} rps', '\tlatency ${4:25ms}', '\tsessions ${5|cookie,none,local|}', '}'
    ]),
    cache: snippet('cache', 'New cache node', ['cache ${1:cache} {', '\tinstances ${2:2}', '\tcapacity ${3:50000} rps', '\thit ${4:80}%', '}']),
    queue: snippet('queue', 'New queue node', ['queue ${1:jobs} {', '\tinstances ${2:3}', '}']),
    worker: snippet('worker', 'New worker node', ['worker ${1:mailer} {', '\tinstances ${2:2}', '\tcapacity ${3:50} rps', '\tlatency ${4:80ms}', '}']),
    database: snippet('database', 'New database node with replication', [
        'database ${1:main} {', '\tengine ${2:postgres}', '\tcapacity ${3:2000} rps',
        '\treplication ${4|primary_replica,primary_backup,multi_master|} {', '\t\treplicas ${5:2}', '\t\tlag ${6:100ms}', '\t}',
        '\ttable ${7:items} {', '\t\tid ${8|uuid,snowflake,auto_increment|}', '\t}', '}'
    ]),
    coordinator: snippet('coordinator', 'New coordinator (arbiter group)', ['coordinator ${1:zk} {', '\tinstances ${2:3}', '}']),
    storage: snippet('storage', 'New storage node', ['storage ${1:files} {', '\tavailability ${2:99.99}%', '}']),
    search: snippet('search', 'New search index', ['search ${1:index} {', '\tinstances ${2:3}', '\tshards ${3:3} by hash', '}']),
    external: snippet('external', 'New external service (a third party)', ['external ${1:payments} {', '\tavailability ${2:99.9}%', '\tlatency ${3:300}ms', '}']),
    client: snippet('client', 'New client (a source of requests)', ['client ${1:browsers} {', '\tpeak ${2:1000} rps', '\treads ${3:90}%', '}'])
};

export const SYSTEM_SNIPPET: Snippet = snippet('system', 'New starter system', [
    'system ${1:Shop} {',
    '\ttraffic {', '\t\tpeak ${2:1000} rps', '\t\treads ${3:90}%', '\t}',
    '',
    '\tdns front',
    '',
    '\tbalancer edge {', '\t\tinstances 2', '\t\thealth every 5s', '\t}',
    '',
    '\tservice web {', '\t\tinstances ${4:3}', '\t\tcapacity ${5:400} rps', '\t\tlatency ${6:25ms}', '\t\tsessions cookie', '\t}',
    '',
    '\tcoordinator zk {', '\t\tinstances 3', '\t}',
    '',
    '\tdatabase main {', '\t\tcapacity ${7:2000} rps',
    '\t\treplication primary_replica {', '\t\t\treplicas 1', '\t\t\tfailover arbiter zk', '\t\t}', '\t}',
    '',
    '\tfront -> edge -> web -> main',
    '}'
]);
