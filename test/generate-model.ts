/**
 * Deterministic, realistic `.arch` models of exactly N nodes, for benchmarks
 * (and as one more seed for the fuzz test). The shape is that of a large web
 * system: dns and cdn in front, an edge balancer, gateways, then many
 * "domains", each a balancer, services, caches, a queue with workers, a
 * replicated database (some sharded) and object storage, with coordinators as
 * failover arbiters. A few domains carry deliberate design mistakes so that
 * every rule family has findings to report, as a real model under review does.
 */
import { mulberry32 } from './robustness/mutate.js';

/**
 * Language 1 is the original shape (its figures stay comparable over time). Language 2 models the same
 * system with the version 2 constructs (LANGUAGE.md, "Real architectures"): three clients with their own
 * rates and keys, managed storage and balancers, external payment providers, sharded search nodes called
 * with `each`, timelines in a cache that is the store written with a fan-out (`10x writes`), read and
 * write edges, and write-through caches.
 */
export type Language = 1 | 2;

export interface GeneratedModel {
    text: string;
    nodes: number;
    edges: number;
    lines: number;
}

const ZONES = ['us_east', 'us_west', 'eu_central'];
const DOMAINS_PER_GROUP = 10;

interface Emitted {
    name: string;
    /** The declaration, possibly several lines. */
    text: string;
    /** Edges into this node from nodes emitted before it (`a -> b 30%`). */
    edgesIn: string[];
}

/** Every node of the model in dependency order: anything a node refers to (store, arbiter, caller) comes first. */
function* nodesInOrder(random: () => number, language: Language): Generator<Emitted> {
    const zones = (count: number): string => ZONES.slice(0, count).join(', ');
    yield { name: 'front', text: 'dns front { routing geo }', edgesIn: [] };
    yield { name: 'assets', text: 'cdn assets { hit 95% }', edgesIn: ['front -> assets'] };
    yield {
        name: 'edge',
        text: `balancer edge {\n    instances 2 active_passive\n    algorithm least_connections\n    health every 5s\n    zones ${zones(3)}\n  }`,
        edgesIn: ['front -> edge']
    };
    for (let group = 0; ; group++) {
        const zk = `zk_${group}`;
        const gateway = `gateway_${group}`;
        // Group 3's arbiter has an even count: spof-arbiter.
        yield { name: zk, text: `coordinator ${zk} { instances ${group === 3 ? 4 : 3} zones ${zones(3)} }`, edgesIn: [] };
        yield {
            name: gateway,
            text: `service ${gateway} {\n    autoscale 4..40\n    capacity 2000 rps\n    latency 5ms\n    sessions cookie\n    zones ${zones(2)}\n  }`,
            edgesIn: [`edge -> ${gateway}`]
        };
        for (let d = 0; d < DOMAINS_PER_GROUP; d++) {
            const i = group * DOMAINS_PER_GROUP + d;
            yield* language === 2 ? domainV2(i, gateway, zk, random) : domain(i, gateway, zk, random);
        }
    }
}

function* domain(i: number, gateway: string, zk: string, random: () => number): Generator<Emitted> {
    const zones = ZONES.slice(0, 2).join(', ');
    const lb = `lb_${i}`, sess = `sessions_${i}`, api = `api_${i}`, cache = `cache_${i}`, db = `db_${i}`;
    const queue = `queue_${i}`, worker = `worker_${i}`, blob = `blob_${i}`, search = `search_${i}`, ledger = `ledger_${i}`;
    const capacity = 200 + Math.floor(random() * 16) * 50;
    const share = 5 + Math.floor(random() * 20);

    yield {
        name: lb,
        // Every ninth balancer has no health checks: spof-health-check.
        text: `balancer ${lb} {\n    instances 2\n    algorithm round_robin\n${i % 9 === 4 ? '' : '    health every 5s\n'}    zones ${zones}\n  }`,
        edgesIn: [`${gateway} -> ${lb} ${share}%`]
    };
    yield { name: sess, text: `cache ${sess} {\n    instances 3\n    capacity 50000 rps\n    engine redis\n    zones ${zones}\n  }`, edgesIn: [] };
    // Every seventh api keeps sessions on its autoscaled instances: state-autoscaled-local and state-local-sessions.
    const sessions = i % 7 === 3 ? 'local' : `store ${sess}`;
    yield {
        name: api,
        text: `service ${api} {\n    label "API ${i} \\"v2\\""\n    autoscale ${i % 13 === 5 ? 1 : 2}..20\n    capacity ${capacity} rps\n    latency ${10 + (i % 30)}ms\n    sessions ${sessions}\n    zones ${zones}\n  }`,
        edgesIn: [`${lb} -> ${api}`]
    };
    yield { name: cache, text: `cache ${cache} {\n    instances 3\n    hit ${70 + (i % 25)}%\n    engine memcached\n    zones ${zones}\n  }`, edgesIn: [`${api} -> ${cache} 70%`] };

    const sharded = i % 4 === 1;
    const multiMaster = i % 11 === 6;
    // Every fifth database fails over by hand (spof-manual-failover), every eighth by interconnect (spof-split-brain).
    const failover = i % 5 === 2 ? 'manual' : i % 8 === 7 ? 'interconnect' : `arbiter ${zk}`;
    const replication = multiMaster
        ? 'replication multi_master { replicas 3 lag 300ms }'
        : `replication primary_replica {\n      replicas 2\n      lag ${50 + (i % 10) * 50}ms\n      mode async\n      failover ${failover}\n    }`;
    // Sharded by date on a timestamp key now and then: hot-monotonic-shard-key.
    const byDate = sharded && i % 3 === 0;
    const shardLines = sharded ? `    shards ${8 << (i % 3)} by ${byDate ? 'date' : 'hash'}\n` : '';
    const shardKey = sharded ? `      shard key ${byDate ? 'created' : 'owner_id'}\n` : '';
    // Half the multi-master accounts tables are suppressed on purpose; domain 0 keeps a stale suppression (model-unused-allow).
    const allow = (multiMaster && i % 2 === 0) || i === 0 ? `    // @allow mm-entity-data: accounts are rebuilt nightly from the ledger\n` : '';
    yield {
        name: db,
        text: `database ${db} {\n    engine "PostgreSQL 16"\n    capacity ${3000 + (i % 5) * 500} rps\n    zones ${zones}\n${shardLines}    ${replication}\n`
            + `${allow}    table accounts_${i} {\n${shardKey}      id ${multiMaster ? 'auto_increment' : 'uuid'}\n      owner_id number\n      email text unique\n`
            + `      balance counter\n      created timestamp\n    }\n`
            // `global` goes last, as it always has here, so that the figures stay comparable over time
            // (written first it parses the same: docs/parsing.md, "Table members").
            + `    table countries_${i} {\n      code text unique\n      name text\n      ${sharded ? 'global' : 'kind entity'}\n    }\n`
            + `    table audit_${i} {\n      kind log\n${sharded ? `      shard key account\n` : ''}      id snowflake\n      account ref accounts_${i}\n      at timestamp\n    }\n  }`,
        edgesIn: [`${cache} -> ${db}`]
    };
    yield { name: queue, text: `queue ${queue} {\n    instances 3\n    replication primary_backup { replicas 1 failover probe }\n    zones ${zones}\n  }`, edgesIn: [`${api} -> ${queue} ${share}%`] };
    // One domain in ten runs a single worker: spof-single-instance.
    yield {
        name: worker,
        text: `worker ${worker} { instances ${i % 10 === 8 ? 1 : 2} capacity 50 rps latency 80ms zones ${zones} }`,
        edgesIn: [`${queue} -> ${worker}`]
    };
    yield { name: blob, text: `storage ${blob} { instances 3 availability 99.99% engine s3 zones ${zones} }`, edgesIn: [`${worker} -> ${blob}`, `${api} -> ${blob} 2%`] };
    yield { name: search, text: `service ${search} { instances 3 capacity 800 rps latency 40ms zones ${zones} }`, edgesIn: [`${api} -> ${search} 10%`] };
    yield {
        name: ledger,
        text: `database ${ledger} {\n    capacity 1500 rps\n    zones ${zones}\n    replication primary_backup { replicas 1 mode sync failover arbiter ${zk} }\n    table entries_${i} { id snowflake amount number }\n  }`,
        edgesIn: [`${worker} -> ${ledger}`, `${api} -> ${ledger} 3%`]
    };
}

/**
 * One domain in the version 2 language: the same tiers as `domain`, with its version 2 counterparts
 * (search kind, managed storage, a cache policy, classes and fan-out on the edges) and two nodes more.
 */
function* domainV2(i: number, gateway: string, zk: string, random: () => number): Generator<Emitted> {
    const zones = ZONES.slice(0, 2).join(', ');
    const api = `api_${i}`, cache = `cache_${i}`, db = `db_${i}`, worker = `worker_${i}`;
    const search = `search_${i}`, blob = `blob_${i}`, timeline = `timeline_${i}`, payments = `payments_${i}`;
    for (const emitted of domain(i, gateway, zk, random)) {
        if (emitted.name === search) {
            yield {
                name: search,
                text: `search ${search} {\n    instances 6\n    shards ${2 + (i % 3) * 2} by hash\n    capacity 800 rps\n    latency 40ms\n    zones ${zones}\n  }`,
                edgesIn: [`${api} -> ${search} 10% each reads`]
            };
        } else if (emitted.name === blob) {
            yield { name: blob, text: `storage ${blob} { managed engine s3 latency 20ms }`, edgesIn: [`${worker} -> ${blob} 2x`, `${api} -> ${blob} 2% reads`] };
        } else if (emitted.name === cache && i % 6 === 2) {
            yield { ...emitted, text: emitted.text.replace('    engine memcached', '    policy through\n    engine memcached') };
        } else if (emitted.name === db) {
            yield { ...emitted, edgesIn: [...emitted.edgesIn, `${api} -> ${db} 15% writes`] };
        } else {
            yield emitted;
        }
    }
    yield {
        name: timeline,
        text: `cache ${timeline} {\n    instances 6\n    policy store\n    shards 12 by hash\n    capacity 40000 rps\n    replication primary_replica { replicas 1 }\n    zones ${zones}\n  }`,
        edgesIn: [`${api} -> ${timeline} 30% reads`, `${worker} -> ${timeline} 10x writes`]
    };
    // Every fourth domain takes payments through a provider outside the system.
    if (i % 4 === 0) yield { name: payments, text: `external ${payments} { availability 99.95% latency 250ms }`, edgesIn: [`${api} -> ${payments} 1% writes`] };
}

/** A valid model of exactly `nodes` nodes; the same `nodes` and `seed` give the same text. */
export function generateModel(nodes: number, seed = 42, language: Language = 1): GeneratedModel {
    const random = mulberry32(seed);
    const declarations: string[] = [];
    const edges: string[] = [];
    for (const node of nodesInOrder(random, language)) {
        if (declarations.length === nodes) break;
        declarations.push(`  ${node.text}`);
        edges.push(...node.edgesIn.map(edge => `  ${edge}`));
    }
    // Language 2: the same peak, from three clients with their own rates, reads and keys.
    const load = language === 1
        ? ['  traffic {', `    peak ${nodes * 40} rps`, '    reads 85%', '    keys 50000000 zipf 0.9', '    think 3s', '  }']
        : [
            '  traffic { reads 85%  keys 50000000 zipf 0.9  think 3s }',
            `  client browsers { peak ${nodes * 24} rps }`,
            `  client mobile { peak ${nodes * 12} rps  reads 92%  think 20s }`,
            `  client partners { peak ${nodes * 4} rps  reads 60%  keys 200000 zipf 1.1  label "Partner API" }`
        ];
    const clientEdges = language === 1 ? [] : ['  browsers -> front', '  mobile -> front', '  partners -> edge'];
    const text = [
        `// Generated by test/generate-model.ts: ${nodes} nodes, seed ${seed}${language === 2 ? ', language 2' : ''}.`,
        `system Generated${nodes} {`,
        ...load,
        '',
        ...ZONES.map(zone => `  zone ${zone}`),
        '',
        ...declarations,
        '',
        ...clientEdges,
        ...edges,
        '}',
        ''
    ].join('\n');
    return { text, nodes: declarations.length, edges: edges.length, lines: text.split('\n').length - 1 };
}
