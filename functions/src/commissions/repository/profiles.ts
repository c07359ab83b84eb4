import { keys } from '@arbor/shared/keys';
import { conditionally, getItem, updateItem } from '../../lib/db.js';

/** What the commission side reads and keeps on member profiles: placement uplines, paid and highest rank. */

/** The member's placement uplines, nearest last (none for a missing member). */
export async function placementPathOf(memberId: string): Promise<string[]> {
  const item = await getItem(keys.member(memberId), { ProjectionExpression: 'placementPath, kind' });
  return (item?.placementPath as string[] | undefined) ?? [];
}

/**
 * Puts a period's paid and highest rank on the profile, once per period (the
 * profile remembers the last period that set them): a changed paid rank also
 * stamps rankChangedAt (news for the uplines' activity feed, which the stream
 * copies into their entries); an unchanged one sets only the highest rank.
 */
export async function postPeriodRank(
  memberId: string,
  periodId: string,
  paidRank: number,
  highestRank: number,
  now: string,
): Promise<void> {
  const once = 'attribute_exists(PK) AND (attribute_not_exists(rankPeriod) OR rankPeriod < :period)';
  const changed = await conditionally(
    updateItem({
      Key: keys.member(memberId),
      UpdateExpression: 'SET paidRank = :paid, highestRank = :highest, rankPeriod = :period, rankChangedAt = :now',
      ConditionExpression: `${once} AND paidRank <> :paid`,
      ExpressionAttributeValues: { ':paid': paidRank, ':highest': highestRank, ':period': periodId, ':now': now },
    }),
  );
  if (changed) return;
  await conditionally(
    updateItem({
      Key: keys.member(memberId),
      UpdateExpression: 'SET highestRank = :highest, rankPeriod = :period',
      ConditionExpression: once,
      ExpressionAttributeValues: { ':highest': highestRank, ':period': periodId },
    }),
  );
}
