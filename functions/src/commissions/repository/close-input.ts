import type { MemberInput } from '@arbor/shared/commissions/input';
import { keys, MEMBER_SHARDS } from '@arbor/shared/keys';
import { INDEX } from '@arbor/shared/table';
import { batchGet, queryAll } from '../../lib/db.js';
import type { VolumeEvent } from '../../orders/repository.js';

/** What a period close reads: every member (the GSI4 shards, side by side) and the volume events by month (GSI3). */

/** Every partner and customer, as the engine needs them. */
export async function membersForClose(): Promise<MemberInput[]> {
  const shards = await Promise.all(
    Array.from({ length: MEMBER_SHARDS }, (_, shard) =>
      queryAll({
        index: INDEX.memberShards,
        pk: keys.memberShard(shard),
        ProjectionExpression: 'id, kind, sponsorId, placementId, #status, highestRank',
        ExpressionAttributeNames: { '#status': 'status' },
      }),
    ),
  );
  return shards.flat().map((item) => ({
    id: item.id as string,
    kind: item.kind as 'partner' | 'customer',
    sponsorId: (item.sponsorId as string | null) ?? null,
    placementId: item.kind === 'partner' ? ((item.placementId as string | null) ?? null) : null,
    status: item.status as MemberInput['status'],
    highestRank: (item.highestRank as number | undefined) ?? 1,
  }));
}

/** The volume events of a month whose sort key (time first) lies between `from` and `to`. */
export async function volumeEventsOfMonth(month: string, from: string, to: string): Promise<VolumeEvent[]> {
  const items = await queryAll({
    index: INDEX.volumeByMonth,
    pk: keys.volumeByMonth(month),
    sk: { between: [from, to] },
  });
  return items as unknown as VolumeEvent[];
}

/** The sale (first volume event) of each order, by order ID. */
export async function salesOf(orderIds: readonly string[]): Promise<Map<string, VolumeEvent>> {
  const items = await batchGet(orderIds.map((id) => keys.volumeEvent(id, 1)));
  return new Map(items.map((item) => [item.orderId as string, item as unknown as VolumeEvent]));
}
