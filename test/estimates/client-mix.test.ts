/**
 * Several clients with their own `think`, `keys` and `zipf` (ESTIMATES.md, details table): the stale read
 * after one's own write mixes the think times of the readers a database serves, the conflict window mixes
 * the writers' key distributions by write rate, and the top key and the busiest shard mix the requesters'.
 * Each figure is worked out by hand or by brute force over every key.
 */
import { describe, expect, test } from 'vitest';
import { keyPowerMass, keyShare, mixedKeys, zipfKeys } from '../../server/src/estimates/key-popularity.js';
import { busiestShardOverMean } from '../../server/src/estimates/shards.js';
import { conflictWindow, conflictWindowOver } from '../../server/src/estimates/staleness.js';
import { check, codes } from '../helpers.js';
import { node, sim } from './simulated.js';

/** p_k of a mixture, key by key. */
function brutePopularity(parts: { keys: number; zipf: number; weight: number }[], keys: number): number[] {
    const total = parts.reduce((s, part) => s + part.weight, 0);
    const shares = new Array<number>(keys).fill(0);
    for (const part of parts) {
        let norm = 0;
        for (let k = 1; k <= part.keys; k++) norm += Math.pow(k, -part.zipf);
        for (let k = 1; k <= part.keys; k++) shares[k - 1] += (part.weight / total) * Math.pow(k, -part.zipf) / norm;
    }
    return shares;
}

describe('key popularity of a mixture', () => {
    const parts = [{ keys: 5000, zipf: 1.1, weight: 5 }, { keys: 200, zipf: 0, weight: 2 }, { keys: 800, zipf: 0.6, weight: 3 }];
    const mixture = mixedKeys(parts)!;
    const brute = brutePopularity(parts, 5000);

    test('p_k and Σ p_k^j over any range match the sum key by key', () => {
        expect(mixture.keys).toBe(5000);
        for (const k of [1, 2, 200, 201, 800, 801, 5000]) expect(keyShare(mixture, k)).toBeCloseTo(brute[k - 1], 14);
        for (const [from, to] of [[1, 5000], [150, 900], [801, 5000], [1, 1]]) {
            for (const power of [1, 2, 3]) {
                const expected = brute.slice(from - 1, to).reduce((s, p) => s + Math.pow(p, power), 0);
                expect(keyPowerMass(mixture, from, to, power) / expected).toBeCloseTo(1, 10);
            }
        }
    });

    test('weights are kept to whole percent, so that nodes with nearly the same mix share one distribution', () => {
        const nearly = mixedKeys([{ keys: 1000, zipf: 1, weight: 0.9001 }, { keys: 10, zipf: 0, weight: 0.0999 }])!;
        expect(nearly.parts.map(part => part.weight)).toEqual([0.9, 0.1]);
    });

    test('parts with the same keys and exponent are one, and a single part is the plain Zipf', () => {
        const same = mixedKeys([{ keys: 1000, zipf: 1, weight: 1 }, { keys: 1000, zipf: 1, weight: 4 }])!;
        expect(same.parts).toEqual([{ keys: 1000, zipf: 1, weight: 1 }]);
        expect(busiestShardOverMean({ popularity: same, shards: 8, seed: 1 })).toBe(busiestShardOverMean({ keys: 1000, zipf: 1, shards: 8, seed: 1 }));
        expect(mixedKeys([{ keys: 10, zipf: 0, weight: 0 }])).toBeUndefined();
    });

    test('the conflict window over a mixture is Σ p_k (1 − e^{−λ_w p_k m}) key by key', () => {
        const writes = 40;
        const lagMs = 2000;
        const expected = brute.reduce((s, p) => s + p * -Math.expm1(-writes * (lagMs / 1000) * p), 0);
        expect(conflictWindowOver(writes, lagMs, mixture) / expected).toBeCloseTo(1, 6);
        // One part is the one-Zipf window.
        expect(conflictWindowOver(writes, lagMs, zipfKeys(5000, 1.1))).toBeCloseTo(conflictWindow(writes, lagMs, 5000, 1.1), 12);
    });

    test('a few hot keys in the mix make the busiest shard busier than the large uniform key space alone', () => {
        const wide = busiestShardOverMean({ keys: 1_000_000, zipf: 0, shards: 16, seed: 1 });
        const mixed = busiestShardOverMean({ popularity: mixedKeys([{ keys: 1_000_000, zipf: 0, weight: 1 }, { keys: 4, zipf: 0, weight: 1 }])!, shards: 16, seed: 1 });
        expect(wide).toBeLessThan(1.01);
        // Half the requests on 4 keys: their shards carry at least 1/8 + 1/32 of all, against a mean of 1/16.
        expect(mixed).toBeGreaterThan(2.4);
    });
});

describe('each client’s own think time and keys, where its requests go', () => {
    const model = (web: string, crawler: string) => `system S {
  traffic { reads 100% think 2s keys 1000 }
  client web { peak 300 rps ${web} }
  client crawler { peak 100 rps ${crawler} }
  service app { instances 2 }
  service fetcher { instances 2 }
  database posts { replication primary_replica { replicas 2 lag 200ms } }
  database pages { replication primary_replica { replicas 2 lag 200ms } }
  database shared { replication primary_replica { replicas 2 lag 200ms } }
  web -> app
  crawler -> fetcher
  app -> posts
  fetcher -> pages
  app -> shared
  fetcher -> shared
}`;
    const stale = (result: Awaited<ReturnType<typeof sim>>, db: string) => result.staleness.find(row => row.database === db)!.staleReadAfterWrite;

    test('a stale read after one’s own write takes the think time of the users whose reads reach the database', async () => {
        const result = await sim(model('', 'think 500ms'));
        // posts: web's users, traffic's 2 s: 200 / 2200; pages: the crawler's 500 ms: 200 / 700.
        expect(stale(result, 'posts')).toBeCloseTo(200 / 2200, 6);
        expect(stale(result, 'pages')).toBeCloseTo(200 / 700, 6);
        // shared: 300 of web's reads and 100 of the crawler's: ¾ · 200/2200 + ¼ · 200/700.
        expect(stale(result, 'shared')).toBeCloseTo(0.75 * 200 / 2200 + 0.25 * 200 / 700, 6);
    });

    test('without a think time of its own or the traffic’s, a reader leaves the figure unknown, and the note says so', async () => {
        const result = await sim(model('', 'think 500ms').replace(' think 2s', ''));
        expect(stale(result, 'pages')).toBeCloseTo(200 / 700, 6);
        expect(stale(result, 'posts')).toBeNull();
        expect(stale(result, 'shared')).toBeNull();
    });

    test('the top key’s share at a sharded node mixes the keys of the clients that reach it', async () => {
        const result = await sim(`system S {
  traffic { keys 1000 }
  client web { peak 300 rps }
  client crawler { peak 100 rps keys 10 }
  service app { instances 2 }
  database db { capacity 1000 rps shards 4 by hash table t { shard key id  id uuid } }
  database web_only { capacity 1000 rps shards 4 by hash table t { shard key id  id uuid } }
  web -> app
  crawler -> app
  app -> db
  web -> web_only
}`);
        const top = (db: string) => result.shards.find(row => row.database === db)!.topKeyShare;
        // db: ¾ × 1/1000 + ¼ × 1/10; web_only: web's alone.
        expect(top('db')).toBeCloseTo(0.75 / 1000 + 0.25 / 10, 6);
        expect(top('web_only')).toBeCloseTo(1 / 1000, 6);
        expect(node(result, 'db').shardSkew!).toBeGreaterThan(node(result, 'web_only').shardSkew!);
    });
});

describe('hot-key-overload reads the keys of the clients that reach the shards', () => {
    const model = (crawlerKeys: string) => `system S {
  client web { peak 2000 rps keys 1000000 }
  client crawler { peak 2000 rps ${crawlerKeys} }
  service app { instances 4 }
  database db { capacity 800 rps shards 8 by hash table t { shard key id  id uuid } }
  web -> app
  crawler -> app
  app -> db
}`;

    test('a client hammering a few keys makes one shard hot; spread evenly it would not be', async () => {
        const { diagnostics } = await check(model('keys 50 zipf 1.2'));
        const hot = diagnostics.find(d => d.code === 'hot-key-overload');
        expect(hot?.message).toMatch(/keys 1000000 \(50%\), keys 50 zipf 1\.2 \(50%\)/);
        expect(await codes(model('keys 1000000'))).not.toContain('hot-key-overload');
    });
});
