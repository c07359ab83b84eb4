import { keys } from '@arbor/shared/keys';
import { applyOnce, batchGet, txUpdate, type Item } from '../../lib/db.js';
import type { VolumeEvent } from '../../orders/repository.js';

/** Live volumes of a month (`MEMBER#<id>` / `LIVE#<month>`): the member's PV and its placement subtree's GV. */

export interface LiveVolume {
  pv: number;
  gv: number;
}

/**
 * Adds a volume event to its owner (PV and GV) and its uplines (GV), in the
 * event's month, exactly once per event ID.
 */
export async function addLiveVolumeOnce(eventId: string, volume: VolumeEvent, uplines: readonly string[]) {
  const update = (memberId: string, pv: number) =>
    txUpdate({
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
    });
  await applyOnce(eventId, [update(volume.ownerId, volume.pv), ...uplines.map((id) => update(id, 0))]);
}

/** Members' live volumes of a month (absent: nothing happened yet). */
export async function liveVolumes(memberIds: readonly string[], month: string): Promise<Map<string, LiveVolume>> {
  const items = await batchGet([...new Set(memberIds)].map((id) => keys.liveVolume(id, month)));
  const out = new Map<string, LiveVolume>();
  for (const item of items) out.set(item.memberId as string, { pv: Number(item.pv ?? 0), gv: Number(item.gv ?? 0) });
  return out;
}

/**
 * Live volume items for a batch of events at once (a bulk import): the same
 * sums the stream would make, without the stream.
 */
export function liveVolumeItems(
  events: readonly VolumeEvent[],
  uplinesOf: (memberId: string) => readonly string[],
): Item[] {
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
