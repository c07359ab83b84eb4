import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '@arbor/shared/keys';
import { db } from '../lib/aws.js';
import { env } from '../lib/env.js';
import { memberFromItem } from './items.js';
import { getMembers } from './repository.js';

/**
 * New partners the sponsor may still place: its enrollees (GSI1, by enrollment
 * date) from the last window's worth of days whose window is still open.
 */
export async function placementQueue(sponsorId: string, now = new Date(), maxWindowDays = 365) {
  const since = new Date(now.getTime() - maxWindowDays * 86_400_000).toISOString();
  const result = await db().send(
    new QueryCommand({
      TableName: env.tableName(),
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK >= :since',
      FilterExpression: 'kind = :partner AND placementWindowEndsAt > :now',
      ExpressionAttributeValues: {
        ':pk': keys.sponsorChildren(sponsorId),
        ':since': since,
        ':partner': 'partner',
        ':now': now.toISOString(),
      },
      ScanIndexForward: false,
    }),
  );
  const members = (result.Items ?? []).map(memberFromItem);
  const parents = new Map(
    (await getMembers(members.map((m) => m.placementId ?? ''))).map((p) => [p.id, p.displayName]),
  );
  return members.map((m) => ({
    id: m.id,
    displayName: m.displayName,
    enrolledAt: m.enrolledAt,
    placementId: m.placementId,
    placementName: m.placementId ? (parents.get(m.placementId) ?? null) : null,
    placementWindowEndsAt: m.placementWindowEndsAt,
    teamSize: m.teamSize ?? 0,
  }));
}
