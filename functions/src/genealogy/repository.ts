import { keys } from '@arbor/shared/keys';
import type { Member } from '@arbor/shared/members/model';
import { INDEX, indexKeys } from '@arbor/shared/table';
import type { Item } from '../lib/db.js';
import { nameKeyOf } from '../members/names.js';

/** The downline-index entry of `member` under one of its placement ancestors. */
export function downlineItem(uplineId: string, level: number, member: Member): Item {
  const item: Item = {
    ...keys.downline(uplineId, level, member.id),
    entity: 'downline',
    uplineId,
    memberId: member.id,
    level,
    joinedAt: member.enrolledAt,
    name: member.displayName,
    nameKey: nameKeyOf(member),
    status: member.status,
    paidRank: member.paidRank,
    ...indexKeys(
      INDEX.downlineByJoin,
      keys.downlinePartition(uplineId),
      keys.downlineByTime(member.enrolledAt, member.id),
    ),
  };
  if (member.autoship && member.autoship.status !== 'canceled') {
    item.autoshipStatus = member.autoship.status;
    item.autoshipWillProcess = member.autoship.willProcess;
  }
  if (member.rankChangedAt) {
    item.rankChangedAt = member.rankChangedAt;
    Object.assign(
      item,
      indexKeys(
        INDEX.downlineByRankChange,
        keys.downlinePartition(uplineId),
        keys.downlineByTime(member.rankChangedAt, member.id),
      ),
    );
  }
  return item;
}
