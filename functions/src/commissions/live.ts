import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { keys } from '@arbor/shared/keys';
import { db } from '../lib/aws.js';
import { env } from '../lib/env.js';
import { streamConsumer } from '../lib/batch.js';
import { applyOnce, batchGet } from '../lib/db.js';
import type { VolumeEvent } from '../orders/repository.js';

/**
 * Live volumes, from the stream of volume events (a sale or a refund): the
 * order's owner gets the PV, the owner and every placement upline get the GV,
 * in the month the event happened, within seconds. Exactly once per event.
 */
export const handler = streamConsumer('volumes', async (record) => {
  if (record.eventName !== 'INSERT' || !record.dynamodb?.NewImage) return;
  const volume = unmarshall(record.dynamodb.NewImage as Record<string, AttributeValue>) as VolumeEvent & {
    entity?: string;
  };
  if (volume.entity !== 'volumeEvent' || volume.imported) return;
  await applyVolume(record.eventID ?? `${volume.orderId}:${volume.seq}`, volume);
});

export async function applyVolume(eventId: string, volume: VolumeEvent): Promise<void> {
  const owner = await db().send(
    new GetCommand({
      TableName: env.tableName(),
      Key: keys.member(volume.ownerId),
      ProjectionExpression: 'placementPath, kind',
    }),
  );
  const uplines = (owner.Item?.placementPath as string[] | undefined) ?? [];
  const table = env.tableName();
  const update = (memberId: string, pv: number) => ({
    Update: {
      TableName: table,
      Key: keys.liveVolume(memberId, volume.month),
      UpdateExpression: 'SET entity = :entity, memberId = :member, #month = :month ADD gv :gv' + (pv ? ', pv :pv' : ''),
      ExpressionAttributeNames: { '#month': 'month' },
      ExpressionAttributeValues: {
        ':entity': 'liveVolume',
        ':member': memberId,
        ':month': volume.month,
        ':gv': volume.pv,
        ...(pv ? { ':pv': pv } : {}),
      },
    },
  });
  await applyOnce(`volume:${eventId}`, [update(volume.ownerId, volume.pv), ...uplines.map((id) => update(id, 0))]);
}

export interface LiveVolume {
  pv: number;
  gv: number;
}

/** Members' live volumes of a month (zero when nothing happened yet). */
export async function liveVolumes(memberIds: readonly string[], month: string): Promise<Map<string, LiveVolume>> {
  const items = await batchGet([...new Set(memberIds)].map((id) => keys.liveVolume(id, month)));
  const out = new Map<string, LiveVolume>();
  for (const item of items) out.set(item.memberId as string, { pv: Number(item.pv ?? 0), gv: Number(item.gv ?? 0) });
  return out;
}

export async function liveVolume(memberId: string, month: string): Promise<LiveVolume> {
  return (await liveVolumes([memberId], month)).get(memberId) ?? { pv: 0, gv: 0 };
}

/**
 * Live volume items for a batch of events at once (a bulk import): the same
 * sums the stream would make, without the stream.
 */
export function liveVolumeItems(events: readonly VolumeEvent[], uplinesOf: (memberId: string) => readonly string[]) {
  const sums = new Map<string, { memberId: string; month: string; pv: number; gv: number }>();
  const add = (memberId: string, month: string, pv: number, gv: number) => {
    const key = `${memberId}|${month}`;
    const sum = sums.get(key) ?? { memberId, month, pv: 0, gv: 0 };
    sum.pv += pv;
    sum.gv += gv;
    sums.set(key, sum);
  };
  for (const event of events) {
    add(event.ownerId, event.month, event.pv, event.pv);
    for (const upline of uplinesOf(event.ownerId)) add(upline, event.month, 0, event.pv);
  }
  return [...sums.values()].map((sum) => ({
    ...keys.liveVolume(sum.memberId, sum.month),
    entity: 'liveVolume',
    ...sum,
  }));
}
