/**
 * The rules that follow issue 11's semantics: work behind a queue is delayed, not failed; a copy of a stack
 * behind DNS failover is no single point of failure; a tier with its own health checks needs none from its
 * balancer; a cache without `hit` is said to be taken at 0%.
 */
import { describe, expect, test } from 'vitest';
import { findings } from './rule-helpers.js';

describe('work behind a queue', () => {
    const QUEUED = `system S {
  traffic { peak 100 rps }
  service api { instances 2 capacity 500 rps }
  queue jobs { instances 3 }
  worker mailer { capacity 200 rps }
  api -> jobs
  jobs -> mailer
}`;

    test('a single consumer is a warning worded as delayed work, not failed requests', async () => {
        const found = await findings(QUEUED, 'spof-single-instance');
        expect(found.map(f => f.node)).toEqual(['mailer']);
        expect(found[0].severity).toBe('warning');
        expect(found[0].message).toContain('the work queued for it waits');
        expect(found[0].message).toContain('no request fails');
        expect(found[0].message).not.toContain('every request through it fails');
    });

    test('a single node on the request path stays an error', async () => {
        const found = await findings(QUEUED.replace('service api { instances 2', 'service api { instances 1'), 'spof-single-instance');
        expect(found.find(f => f.node === 'api')?.severity).toBe('error');
    });
});

describe('copies of a stack behind DNS failover', () => {
    const stacks = (routing: string): string => `system S {
  traffic { peak 100 rps }
  zone east
  zone west
  dns front { ${routing} }
  balancer lb_east { instances 2 health every 5s zones east }
  balancer lb_west { instances 2 health every 5s zones west }
  service app_east { zones east }
  service app_west { zones west }
  front -> lb_east
  front -> lb_west
  lb_east -> app_east
  lb_west -> app_west
}`;

    test('routing failover: a single instance or a single zone inside one copy fails no request', async () => {
        expect(await findings(stacks('routing failover'), 'spof-single-instance')).toEqual([]);
        expect(await findings(stacks('routing failover'), 'spof-single-zone')).toEqual([]);
        expect(await findings(stacks('routing geo health every 30s'), 'spof-single-instance')).toEqual([]);
    });

    test('geo without health checks keeps sending a lost copy its clients: the findings stand', async () => {
        expect((await findings(stacks('routing geo'), 'spof-single-instance')).map(f => f.node).sort()).toEqual(['app_east', 'app_west']);
        expect((await findings(stacks('routing geo'), 'spof-single-zone')).map(f => f.node).sort()).toEqual(['app_east', 'app_west', 'lb_east', 'lb_west']);
    });

    test('a node both copies share is still a single point of failure', async () => {
        const shared = stacks('routing failover').replace('lb_west -> app_west', 'lb_west -> app_west\n  database db\n  app_east -> db\n  app_west -> db');
        expect((await findings(shared, 'spof-single-instance')).map(f => f.node)).toEqual(['db']);
    });
});

describe('health checks of the tier itself', () => {
    test('spof-health-check leaves out a tier with its own `health every`', async () => {
        const model = (own: string): string => `system S {
  balancer lb { instances 2 }
  service api { instances 3 ${own} }
  lb -> api
}`;
        expect((await findings(model(''), 'spof-health-check')).map(f => f.node)).toEqual(['lb']);
        expect(await findings(model('health every 5s'), 'spof-health-check')).toEqual([]);
    });
});

describe('a cache without `hit`', () => {
    test('cap-missing-input says it is taken at 0% and what it passes every read on to', async () => {
        const found = await findings(`system S {
  traffic { peak 100 rps }
  service api { instances 2 capacity 500 rps }
  cache c { instances 2 capacity 5000 rps }
  database db { capacity 1000 rps replication primary_replica { replicas 1 } }
  api -> c -> db
}`, 'cap-missing-input');
        expect(found.map(f => f.node)).toEqual(['c']);
        expect(found[0].message).toContain('the estimates take it at 0%');
        expect(found[0].message).toContain('passed on to db');
    });
});
