import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '@arbor/shared/keys';
import { summarizeAutoships, type Autoship } from '@arbor/shared/orders/autoship';
import { productsBySku } from '../catalog/repository.js';
import { db } from '../lib/aws.js';
import { env } from '../lib/env.js';
import { listMethods } from '../payments/methods.js';

/**
 * Writes the member's smart-order summary onto its profile, where its uplines'
 * team reports read it (and the genealogy stream copies the status into their
 * downline entries).
 */
export async function refreshAutoshipSummary(
  memberId: string,
  market: string,
  autoships: readonly Autoship[],
): Promise<void> {
  const [products, methods] = await Promise.all([productsBySku(), listMethods(memberId)]);
  const summary = summarizeAutoships(autoships, market, products, (id) => methods.find((m) => m.id === id) ?? null);
  if (!summary) return;
  await db().send(
    new UpdateCommand({
      TableName: env.tableName(),
      Key: keys.member(memberId),
      UpdateExpression: 'SET autoship = :summary, autoshipPv = :pv',
      ExpressionAttributeValues: { ':summary': summary, ':pv': summary.status === 'active' ? summary.pv : 0 },
    }),
  );
}
