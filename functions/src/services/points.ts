import { RuleError } from '@arbor/shared/errors';
import { memberLogWrite } from '../members/repository.js';
import {
  adjustmentMarkWrite,
  adjustPointsOnce,
  getPointsBalance,
  getPointsRule,
  pointsLedgerPage,
  pointsNewerThan,
  pointsWrites,
} from './repository.js';

/** A member's balance and a page of its ledger, newest first, each entry with the balance right after it. */
export async function pointsStatement(memberId: string, limit: number, cursor?: string) {
  // The page first: it checks the cursor (a 400 for one this list did not give out).
  const page = await pointsLedgerPage(memberId, limit, cursor);
  const [balance, newer, rule] = await Promise.all([
    getPointsBalance(memberId),
    cursor ? pointsNewerThan(memberId, cursor) : Promise.resolve(0),
    getPointsRule(),
  ]);
  let after = balance - newer;
  const items = page.items.map((entry) => {
    const line = { ...entry, balanceAfter: after };
    after -= entry.points;
    return line;
  });
  return { balance, pointValue: rule.pointValue, enabled: rule.enabled, items, cursor: page.cursor };
}

export interface Adjustment {
  points: number;
  reason: string;
  idempotencyKey: string;
}

/**
 * Support adds or takes points, with the reason in the member's log, in one
 * transaction with a mark of its idempotency key: the same adjustment sent
 * ten times at once moves the balance once. Never below zero.
 */
export async function adjustPoints(actorId: string, memberId: string, adjustment: Adjustment, now = new Date()) {
  const at = now.toISOString();
  const writes = [
    adjustmentMarkWrite(memberId, adjustment.idempotencyKey, at),
    ...pointsWrites(
      memberId,
      [
        {
          ref: `adjust-${adjustment.idempotencyKey}`,
          entry: { at, kind: 'adjust', points: adjustment.points, actorId, reason: adjustment.reason },
        },
      ],
      adjustment.points < 0 ? -adjustment.points : 0,
    ),
    memberLogWrite(memberId, {
      at,
      actorId,
      action: 'points.adjust',
      detail: { points: adjustment.points },
      reason: adjustment.reason,
    }),
  ];
  const outcome = await adjustPointsOnce(writes);
  if (outcome === 'short') {
    const balance = await getPointsBalance(memberId);
    throw new RuleError('points_insufficient', `The member has ${balance} points.`, [
      { field: 'body.points', rule: 'points_insufficient', message: `body.points: the member has ${balance} points` },
    ]);
  }
  const [balance, rule] = await Promise.all([getPointsBalance(memberId), getPointsRule()]);
  return { balance, pointValue: rule.pointValue, enabled: rule.enabled };
}
