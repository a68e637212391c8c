/**
 * What each word of the language means, shown when hovering it (from the
 * language's spec, LANGUAGE.md, and docs/language.md). A word that means two
 * things in two places (`failover`, `round_robin`) has an entry per place,
 * keyed `AstType.word` (the rule that holds the word, or the block that holds
 * that rule), looked up before the plain word.
 */

const KIND = (what: string): string => `A node kind: ${what}`;

export const KEYWORD_DOCS: Readonly<Record<string, string>> = {
    // Structure
    system: 'A whole design: its traffic, zones, nodes and the edges between them. Names are resolved inside their own system.',
    traffic: 'The load the system must carry: `peak N rps`, `reads P%`, `keys N [zipf S]`, `think D`. Without `peak`, no capacity estimate is made.',
    zone: 'A failure domain (an availability zone or a data centre). Estimates also report the system with the worst zone lost.',
    '..': '`autoscale MIN..MAX`: the smallest and the largest instance count of an autoscaled tier.',
    '%': 'A share in percent: `reads 90%`, `hit 85%`, `availability 99.9%`, or the share of the caller\'s requests an edge carries (`a -> b 30%`).',
    '->': '`A -> B [P%]`: A calls B with P% of its requests (default 100%). Out of a cache or cdn, the edge carries its misses and the writes it passes on.',

    // Traffic
    peak: 'Requests per second at the busiest minute. It enters at the entry nodes (split evenly over several) and flows along the edges.',
    reads: 'Share of requests that only read. Caches answer reads; replicas serve reads. Default: 100% reads.',
    keys: 'How many distinct keys the requests touch; with `zipf S`, how unevenly (default: uniform). Sets shard skew and the conflict window.',
    zipf: 'Popularity skew of the keys: the k-th most popular key is asked for in proportion to 1/k^S. The top key takes 1/H(K,S) of the requests.',
    think: 'Mean time between one user\'s requests. With a replica `lag`, it sets the chance of reading stale data right after one\'s own write.',

    // Node kinds
    dns: KIND('name resolution that spreads clients over what it points to. Without `instances`, a managed service (3 redundant copies).'),
    cdn: KIND('an edge cache for static content. Without `instances`, a managed service (3 redundant copies); `hit` sets what it answers.'),
    balancer: KIND('spreads requests over the instances of what it points to; with `health every D` it stops sending to dead ones.'),
    service: KIND('an application tier that serves requests (web, API).'),
    cache: KIND('an in-memory store in front of slower tiers; `hit P%` of the reads are answered without going on.'),
    queue: KIND('a message queue; callers hand work to it and workers take it off.'),
    worker: KIND('background processing, fed by a queue.'),
    database: KIND('stores data; may be replicated (`replication`), split (`shards`), and hold `table`s.'),
    coordinator: KIND('a ZooKeeper/etcd-style arbiter group, a quorum: up while a majority, ⌊n/2⌋+1 of n, is up.'),
    storage: KIND('object or file storage.'),
    search: KIND('a search index (Elasticsearch, Solr): stateful, usually sharded; `A -> index each` asks every shard.'),
    external: KIND('a third party\'s service the system calls (payments, email, maps): availability and latency as declared (default 99.9%), never asked to add instances.'),
    client: KIND('a source of requests (browsers, a mobile app, a partner, a scheduled job) with its own `peak`, `reads`, `think` and `keys`; missing values come from `traffic`. A client is never the target of an edge.'),

    // Node properties
    instances: '`instances N [active_active|active_passive]`: a fixed count of instances (default 1, active_active).',
    active_active: 'Every instance serves requests (the default).',
    active_passive: 'One instance serves while the others stand by; a standby takes over by heartbeat (the interconnect promotion time, 10 s).',
    autoscale: '`autoscale MIN..MAX`: an autoscaled count. Utilization is estimated at MAX; at MIN it may not carry the peak.',
    capacity: 'Requests per second one instance (database: one node) sustains, measured with a load test. Utilization ρ = load / (n × capacity).',
    latency: 'Mean service time of one request. With `capacity`, one instance holds round(capacity × latency) workers, queued as M/M/c.',
    availability: 'Availability of one instance (default 99.5%). A tier with health checks is up while enough instances to carry the peak are up.',
    zones: 'The zones this node\'s instances are spread over (evenly). Losing a zone takes its share of them.',
    sessions: 'Where user session state lives: `none`, `local` (in the instance: lost with it, and needs sticky routing), `cookie`, or `store NODE`.',
    none: '`sessions none`: the node keeps no user session state.',
    store: '`sessions store NODE`: sessions live in NODE, which gets one session lookup (a read) per request.',
    'Policy.store': 'Cache policy: the cache holds the data itself and nothing stands behind it (Redis as the store): it needs no `hit`, and losing it loses the data (state-cache-as-store).',
    'EdgeStep.reads': '`A -> B reads`: the edge carries only A\'s reads (with a share, the share of the reads).',
    local: '`sessions local`: session state lives in the instance that served the user: other instances do not see it, and it is lost with it.',
    cookie: '`sessions cookie`: session state travels with the client; any instance can serve any request.',
    hit: 'Share of reads a cache or cdn answers without going on. It passes on `writes + (1 − hit) × reads` (default: hit 0%).',
    algorithm: 'How a balancer picks an instance. Queueing pools per algorithm: `least_connections` one shared queue, `random`/`round_robin` a queue per instance.',
    random: 'Balancing: a random instance per request: n independent M/M/k queues.',
    least_connections: 'Balancing: the instance with the fewest requests in flight: the tier queues as one M/M/(n·k) queue, the best case.',
    weighted: 'Balancing: instances in proportion to their weights.',
    ip_hash: 'Balancing: by client address, which pins a client to an instance (counts as sticky).',
    round_robin: 'Each in turn. A balancer `algorithm` (the default): n queues with smoother arrivals; a dns `routing`: clients spread over all targets.',
    'Algorithm.round_robin': 'Balancing: each instance in turn (the default): n queues with smoother arrivals than random (Allen–Cunneen, c_a² = 1/n).',
    'Routing.round_robin': 'DNS routing: clients are spread over all targets in turn.',
    managed: '`managed`: a provider runs it (S3, DynamoDB, SQS, ELB, RDS Multi-AZ): its redundancy, zones and failover are the provider\'s, so no single-point-of-failure findings about them; `availability` is the whole service\'s (default 99.99%).',
    policy: '`policy aside|through|behind|store` on a cache: how it stands to the store behind it (default `aside`).',
    aside: 'Cache policy (default): reads try the cache and misses go on; writes go to the store.',
    through: 'Cache policy: writes go through the cache to the store before they are acknowledged.',
    behind: 'Cache policy: writes are acknowledged by the cache and flushed to the store later (lost with the cache if it fails first).',
    each: '`A -> B each`: scatter-gather, one call to every shard of B (every instance when B is not sharded), in parallel; the request waits for the slowest.',
    x: '`A -> B Nx`: each request that takes the edge makes N calls to B in parallel, and waits for the slowest.',
    writes: '`A -> B writes`: the edge carries only A\'s writes (with a share, the share of the writes).',
    sticky: '`sticky on|off`: session affinity, a client keeps going to the same instance (default off). Load spreads less evenly.',
    on: 'Turned on.',
    off: 'Turned off.',
    health: '`health every D`: the balancer probes its instances every D and stops routing to dead ones. Without it, a dead instance keeps its share.',
    every: '`health every D`: the heartbeat interval of the balancer\'s health checks.',
    routing: '`routing geo|round_robin|failover`: how DNS spreads clients over what it points to.',
    geo: 'DNS routing: each client to the nearest target.',
    engine: 'The product behind the node (mysql, redis, "Aurora MySQL 8"), shown on the diagram.',
    label: 'A display name for the diagram; any characters.',

    // Targets and scenarios
    target: '`target { availability P%  p99 D  mean D  utilization P%  stale P%  data_loss D }`: the team\'s promises, each optional. Checked in the base case and in every scenario; a miss is an error (`target-*`), so `archscope check` fails CI on it. Inside a scenario, a target replaces the same one there.',
    'Target.availability': 'Target: the share of all clients\' requests served, over a year (target-availability).',
    p99: 'Target: the end-to-end response time 99% of requests beat, at the peak (target-latency).',
    mean: 'Target: the mean end-to-end response time at the peak (target-latency).',
    utilization: 'Target: no tier above this share of its capacity at the peak, asynchronous consumers included (target-utilization; without it, 80% warns).',
    stale: 'Target: the share of reads right after one\'s own write that may see the old value, at the worst node (target-stale).',
    data_loss: 'Target: the acknowledged writes a failover may lose, as a time (the replica\'s lag behind the primary) (target-data-loss).',
    scenario: '`scenario NAME { peak N rps | peak Nx  fail A, B  cold CACHE  target { ... } }`: a what-if. Every estimate is computed for it, and every target checked in it.',
    'ScenarioPeak.peak': 'A scenario\'s peak: `peak 2x` multiplies every client\'s peak; `peak 30000 rps` scales every client in proportion so that they total it.',
    fail: '`fail A, B`: zones or nodes down for the whole scenario. A managed node fails with a zone only when every zone it declares is down.',
    cold: '`cold CACHE, ...`: caches or cdns restarted empty (hit 0%): everything they answered goes on to the tier behind them.',

    // Replication
    replication: '`replication primary_backup|primary_replica|multi_master { ... }`: copies of a database, cache or queue.',
    primary_backup: 'Replication: a standby copy takes no traffic until it is promoted; everything runs on the primary.',
    primary_replica: 'Replication: writes go to the primary, reads are spread over the replicas; a replica is promoted when the primary fails.',
    multi_master: 'Replication: every node takes writes and they replicate to each other; `replicas` counts the masters in all.',
    replicas: 'Copies besides the primary (default 1); for `multi_master`, the number of masters in all (default 2).',
    lag: 'Mean replication delay. Sets the chance of a stale read after one\'s own write and the window for conflicting decisions.',
    mode: '`mode async|sync`: whether the primary waits for replicas to confirm a write (sync) or not (async, the default).',
    async: 'The primary does not wait for replicas: writes are fast, but replicas lag and a failover may lose the last writes (the default).',
    sync: 'The primary waits for replicas to confirm each write: no lag to read from, slower writes.',
    failover: 'How a new primary is chosen: `manual` (by hand, 30 min), `interconnect` (10 s), `probe` (60 s) or `arbiter NODE` (30 s).',
    'Routing.failover': 'DNS routing: all clients to the first target until it is down, then to the next.',
    manual: 'Failover by hand: an operator promotes a replica, about 30 minutes (the default).',
    interconnect: 'Failover by a direct heartbeat channel between the nodes: about 10 s to promote.',
    probe: 'Failover by a replica probing the primary with reads and writes: about 60 s to promote.',
    arbiter: '`failover arbiter NODE`: an external `coordinator` group chooses the new primary, about 30 s, while it keeps its quorum.',

    // Shards
    shards: '`shards N by STRATEGY`: a horizontal split over N shard groups; each gets 1/N of the load, the busiest more (skew).',
    by: '`shards N by STRATEGY`: how rows are placed on shards.',
    hash: 'Sharding by a hash of the key mod N: even placement, but adding one shard moves N/(N+1) of the rows.',
    range: 'Sharding by key ranges: a growing key (auto_increment, snowflake, timestamp) puts every insert on one shard.',
    consistent_hash: 'Sharding on a hash ring: adding one shard moves only 1/(N+1) of the rows.',
    directory: 'Sharding by a lookup table from key to shard: adding one shard moves only what is sent to it.',
    date: 'Sharding by date ranges: every insert lands on the newest shard.',

    // Tables and fields
    table: '`table NAME { ... }`: a table of a database: its kind, its fields, and its shard key or `global`.',
    kind: '`kind entity|session|log|draft`: what the rows are (default entity).',
    entity: 'Table kind: long-lived business records (the default).',
    session: 'Table kind: per-user session state.',
    log: 'Table kind: append-only records.',
    draft: 'Table kind: work in progress a user has not committed yet.',
    global: 'A table copied to every shard and never split (small reference data such as countries).',
    shard: '`shard key FIELD`: the field that decides which shard a row lives on.',
    key: '`shard key FIELD`: the field that decides which shard a row lives on.',
    unique: 'The field\'s values are unique across the table.',
    auto_increment: 'Field type: a number the database counts up. Two masters hand out the same ids; as a `range`/`date` shard key, every insert lands on one shard.',
    uuid: 'Field type: a random 128-bit identifier; spreads evenly over shards.',
    snowflake: 'Field type: a time-ordered 64-bit identifier. As a shard key on `range`/`date`, inserts land on one shard.',
    counter: 'Field type: a read-modify-write number (inventory, balance). Two masters, or a lagging replica, make it decide on stale values.',
    timestamp: 'Field type: a point in time. As a shard key on `range`/`date`, inserts land on one shard.',
    text: 'Field type: a string.',
    number: 'Field type: a number.',
    bool: 'Field type: true or false.',
    ref: '`ref TABLE`: a reference to a row of another table of the system.'
};

/** The explanation of `word` where the grammar rule `astType` uses it, if there is one. */
export function keywordDoc(word: string, astType?: string, containerType?: string): string | undefined {
    const own = (key: string): string | undefined => (Object.hasOwn(KEYWORD_DOCS, key) ? KEYWORD_DOCS[key] : undefined);
    // The container first: `availability` inside a target block means the system's, not one instance's.
    return (containerType ? own(`${containerType}.${word}`) : undefined) ?? (astType ? own(`${astType}.${word}`) : undefined) ?? own(word);
}
