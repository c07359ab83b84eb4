import { beforeAll, describe, expect, it } from 'vitest';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '../../src/lib/aws.js';
import { env } from '../../src/lib/env.js';
import { seedDemoCompany, type SeedResult } from '../../src/demo/seed.js';
import { liveVolumes } from '../../src/commissions/repository/live-volumes.js';
import { streamSettled } from '../support/stand-ins.js';

async function scanAll(entity: string) {
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await db().send(
      new ScanCommand({
        TableName: env.tableName(),
        FilterExpression: 'entity = :e',
        ExpressionAttributeValues: { ':e': entity },
        ExclusiveStartKey,
      }),
    );
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

describe('the demo seed', () => {
  let result: SeedResult;
  beforeAll(async () => {
    result = await seedDemoCompany({ partners: 40, seed: 7, now: new Date('2026-11-20T12:00:00Z') });
    // The live-volume consumer sees every imported volume event; it must not add them a second time.
    await streamSettled(30_000);
  }, 120_000);

  it('writes the live volumes its orders make, once, even with the stream running', async () => {
    expect(result.orders).toBeGreaterThan(0);
    const events = await scanAll('volumeEvent');
    expect(events).toHaveLength(result.orders);
    expect(events.every((e) => e.imported === true)).toBe(true);

    const members = await scanAll('member');
    const paths = new Map(members.map((m) => [m.id as string, (m.placementPath as string[] | undefined) ?? []]));
    const expected = new Map<string, { pv: number; gv: number }>();
    const add = (id: string, month: string, pv: number, gv: number) => {
      const sum = expected.get(`${id}|${month}`) ?? { pv: 0, gv: 0 };
      expected.set(`${id}|${month}`, { pv: sum.pv + pv, gv: sum.gv + gv });
    };
    for (const e of events) {
      add(e.ownerId as string, e.month as string, e.pv as number, e.pv as number);
      for (const upline of paths.get(e.ownerId as string) ?? []) add(upline, e.month as string, 0, e.pv as number);
    }

    const months = [...new Set(events.map((e) => e.month as string))];
    expect(months.length).toBeGreaterThan(0);
    for (const month of months) {
      const ids = [...paths.keys()];
      const live = await liveVolumes(ids, month);
      for (const id of ids) {
        expect(live.get(id) ?? { pv: 0, gv: 0 }, `${id} ${month}`).toEqual(
          expected.get(`${id}|${month}`) ?? { pv: 0, gv: 0 },
        );
      }
    }
    // Volume rolled up: some member has group volume beyond its own.
    expect([...expected.values()].some((v) => v.gv > v.pv)).toBe(true);
  });
});
