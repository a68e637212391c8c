/**
 * Small `.arch` models of the version-2 constructs (LANGUAGE.md, "Real architectures"), each small
 * enough to work out by hand (version2.test.ts does, against the simulation) and held to the estimates
 * by agreement.test.ts: clients with their own rates and read shares, edges of one class, fan-out
 * (`Nx`, `each` over shard groups, over shards spread on instances, over instances), cache policies,
 * managed and external services.
 */

export interface Version2Model {
    name: string;
    text: string;
}

/**
 * Three clients: web 1,000 rps (90% reads), app with no peak (traffic's 600 rps, the only silent one;
 * 50% reads), batch 400 rps of writes. api takes web and app: 1,600 (1,200 reads); blobs half of app's:
 * 300; db 40% of api's and all of batch's: 640 + 400 = 1,040.
 */
export const CLIENTS = `
system Clients {
  traffic { peak 600 rps  reads 80% }
  client web { peak 1000 rps  reads 90% }
  client app { reads 50% }
  client batch { peak 400 rps  reads 0% }
  service api { instances 2  capacity 1500 rps  latency 10ms  availability 99%  health every 5s }
  database db { capacity 2000 rps  latency 4ms  availability 98% }
  storage blobs { availability 97%  latency 20ms }
  web -> api
  app -> api
  app -> blobs 50%
  batch -> db
  api -> db 40%
}
`;

/**
 * Edges of one class: api's reads go to the cache (hit 80%: 140 reads on to db), its writes to db
 * (300) and half of them into q, whose worker writes each to db again (150). db: 140 reads, 450 writes.
 */
export const CLASSES = `
system Classes {
  traffic { peak 1000 rps  reads 70% }
  service api { capacity 2000 rps  latency 5ms }
  cache c { capacity 5000 rps  latency 1ms  hit 80%  availability 99% }
  database db { capacity 1000 rps  latency 5ms  availability 98% }
  queue q { managed }
  worker w { capacity 1000 rps  latency 10ms  availability 99% }
  api -> c reads
  c -> db
  api -> db writes
  api -> q 50% writes
  q -> w
  w -> db
}
`;

/**
 * Fan-out with no queueing (delays): each request calls parts 10 times in parallel (10 ms each, so the
 * slowest of 10 exponentials: mean 10·H₁₀ = 29.29 ms, p99 69.0 ms), and a tenth of them also calls every
 * one of 4 shard groups of db (99% each, one copy: served 0.99⁴ of the time).
 */
export const FAN_OUT = `
system FanOut {
  traffic { peak 200 rps  reads 100% }
  service api
  service parts { latency 10ms  availability 99.9% }
  database db {
    latency 2ms  availability 99%
    shards 4 by hash
    table t { shard key id  id uuid }
  }
  api -> parts 10x
  api -> db 10% each
}
`;

/**
 * Fan-out with queueing: reads scatter over 6 shards of an index spread on 3 instances (2 copies of each:
 * all 6 shards are up while at most one instance is down), writes make 3 calls to a tier of 4.
 */
export const SCATTER = `
system Scatter {
  traffic { peak 300 rps  reads 80% }
  client users { reads 80% }
  service api { instances 2  capacity 400 rps  latency 10ms  availability 99% }
  search idx {
    instances 3  capacity 1000 rps  latency 2ms  availability 98%
    shards 6 by hash
    replication primary_replica { replicas 1 }
  }
  service feed { instances 4  capacity 500 rps  latency 4ms  availability 99% }
  users -> api
  api -> idx each reads
  api -> feed 3x writes
}
`;

/**
 * Cache policies side by side: a quarter of api's requests to each cache (200 reads, 50 writes). aside
 * and through pass 20 reads and 50 writes on; behind 20 reads in the request and 50 writes after the
 * acknowledgement; store nothing (its edge to db_unused carries nothing).
 */
export const POLICIES = `
system Policies {
  traffic { peak 1000 rps  reads 80% }
  service api { capacity 3000 rps  latency 5ms }
  cache aside_c { capacity 2000 rps  latency 1ms  hit 90% }
  cache through_c { policy through  capacity 2000 rps  latency 1ms  hit 90% }
  cache behind_c { policy behind  capacity 2000 rps  latency 1ms  hit 90% }
  cache store_c { policy store  capacity 2000 rps  latency 1ms  availability 99% }
  database db1 { capacity 200 rps  latency 5ms  availability 98% }
  database db2 { capacity 200 rps  latency 5ms  availability 98% }
  database db3 { capacity 200 rps  latency 5ms  availability 98% }
  database db_unused { capacity 200 rps  latency 5ms  availability 98% }
  api -> aside_c 25%
  api -> through_c 25%
  api -> behind_c 25%
  api -> store_c 25%
  aside_c -> db1
  through_c -> db2
  behind_c -> db3
  store_c -> db_unused
}
`;

/**
 * Whole services: a managed storage of 3 instances is one service of 99.9%, a managed queue 99.99% by
 * default, an external payments service 99.9% by default; with zones, none of them falls with a zone
 * it does not name alone.
 */
export const SERVICES = `
system Services {
  traffic { peak 500 rps  reads 60% }
  zone z1
  zone z2
  balancer lb { managed  zones z1, z2 }
  service api { instances 4  capacity 300 rps  latency 10ms  availability 99%  zones z1, z2 }
  storage media { managed  instances 3  availability 99.9%  latency 20ms }
  queue q { managed }
  worker mailer { instances 2  capacity 200 rps  latency 20ms  zones z1, z2 }
  external pay { latency 100ms }
  lb -> api
  api -> media 50% reads
  api -> q 20% writes
  q -> mailer
  api -> pay 10% writes
}
`;

/** E11 and E12 (known-estimate-bugs.ts): 6 shards, one copy each, on 3 instances: 100 rps and 10% each; a key's shard up 98%. */
export const SHARDS_ONE_COPY = `
system ShardsOneCopy {
  traffic { peak 300 rps  reads 100% }
  service api { availability 100% }
  search idx { instances 3  capacity 1000 rps  latency 2ms  availability 98%  shards 6 by hash }
  api -> idx
}
`;

/** E13 (known-estimate-bugs.ts): every pair of the 3 instances shares a shard, so all 6 are up while at most one instance is down. */
export const EACH_SHARED_INSTANCES = `
system EachShared {
  traffic { peak 100 rps  reads 100% }
  service api { availability 100% }
  search idx {
    instances 3  availability 98%
    shards 6 by hash
    replication primary_replica { replicas 1 }
  }
  api -> idx each
}
`;

export const VERSION2_MODELS: readonly Version2Model[] = [
    { name: 'clients', text: CLIENTS },
    { name: 'classes', text: CLASSES },
    { name: 'fan-out', text: FAN_OUT },
    { name: 'scatter', text: SCATTER },
    { name: 'policies', text: POLICIES },
    { name: 'services', text: SERVICES },
    { name: 'shards, one copy', text: SHARDS_ONE_COPY },
    { name: 'each over shared instances', text: EACH_SHARED_INSTANCES }
];
