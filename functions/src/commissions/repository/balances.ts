import { keys } from '@arbor/shared/keys';
import { batchGet, conditionally, updateItem } from '../../lib/db.js';

/** Commission balances (`MEMBER#<id>` / `BALANCE`): the amount, and the periods posted to it and paid out of it. */

/** The balances of some members (absent: zero). */
export async function balancesOf(memberIds: readonly string[]): Promise<Map<string, number>> {
  const items = await batchGet(memberIds.map((id) => keys.balance(id)));
  return new Map(items.map((b) => [keys.memberIdOf(String(b.PK)), Number(b.amount ?? 0)]));
}

/** Adds a period's earnings to a balance, once per period (false when this period was posted already). */
export const postEarnings = (memberId: string, periodId: string, total: number, now: string) =>
  conditionally(
    updateItem({
      Key: keys.balance(memberId),
      UpdateExpression:
        'SET amount = if_not_exists(amount, :zero) + :total, entity = :entity, updatedAt = :now ADD posted :period',
      ConditionExpression: 'attribute_not_exists(posted) OR NOT contains(posted, :periodId)',
      ExpressionAttributeValues: {
        ':zero': 0,
        ':total': total,
        ':entity': 'balance',
        ':now': now,
        ':period': new Set([periodId]),
        ':periodId': periodId,
      },
    }),
  );

/** Takes what was paid for a period out of a balance, once per period (false when paid out already). */
export const payOut = (memberId: string, periodId: string, amount: number) =>
  conditionally(
    updateItem({
      Key: keys.balance(memberId),
      UpdateExpression: 'SET amount = amount - :paid ADD paidOut :period',
      ConditionExpression: 'attribute_not_exists(paidOut) OR NOT contains(paidOut, :periodId)',
      ExpressionAttributeValues: { ':paid': amount, ':period': new Set([periodId]), ':periodId': periodId },
    }),
  );
