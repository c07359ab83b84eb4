import { RuleError } from '@arbor/shared/errors';
import type { Order, Tender } from '@arbor/shared/orders/model';
import type { RefundPart } from '@arbor/shared/orders/refunds';
import { earnedReversal, pointsEarned, pointsReturned, type PointsRule } from '@arbor/shared/services/model';
import type { TableWrite } from '../lib/db.js';
import { memberLogWrite } from '../members/repository.js';
import {
  getPointsBalance,
  getPointsRule,
  listMemberServices,
  pointsWrites,
  renewalWrite,
  type PointsMovement,
} from './repository.js';

/**
 * What orders do to services and points (docs/services.md). The hook is the
 * order's own transaction: the writes below go into the transaction that
 * makes an order paid (checkout's insert, a payment's paid version, which a
 * smart-order run uses too) or that claims a refund. That transaction happens
 * once per order (it is conditional on the order's version or absence), so a
 * renewal and an earning happen once per order however often a run or a
 * checkout is retried, with no queue or stream in between.
 */

/** Read before an order's paid transaction: the points rule, and the held services its lines renew. */
export interface OrderRewards {
  rule: PointsRule;
  renewals: { code: string; terms: number }[];
}

export async function prepareRewards(order: Pick<Order, 'buyerId' | 'lines'>): Promise<OrderRewards> {
  const [rule, held] = await Promise.all([getPointsRule(), listMemberServices(order.buyerId)]);
  const renewals = held
    .filter((service) => service.status !== 'canceled')
    .map((service) => ({
      code: service.code,
      terms: order.lines.filter((line) => line.sku === service.tierSku).reduce((sum, line) => sum + line.quantity, 0),
    }))
    .filter((renewal) => renewal.terms > 0);
  return { rule, renewals };
}

/** The points a paid order earns by the rule read (kept on the order: a refund takes back its share). */
export const earnedBy = (rewards: OrderRewards, order: Order) => pointsEarned(rewards.rule, order);

/**
 * The writes of an order's transaction: the points its points tender spends
 * (when `spend`: checkout's insert), and once paid the points it earns and
 * the services it renews, each renewal in the member's log.
 */
export function orderRewardWrites(rewards: OrderRewards, order: Order, options: { spend: boolean }): TableWrite[] {
  const at = order.paidAt ?? order.createdAt;
  const spent = options.spend
    ? order.tenders.filter((t) => t.kind === 'points').reduce((sum, t) => sum + (t.points ?? 0), 0)
    : 0;
  const movements: PointsMovement[] = [];
  if (spent > 0) {
    movements.push({
      ref: `${order.id}-spend`,
      entry: { at, kind: 'spend', points: -spent, orderId: order.id, actorId: order.placedById },
    });
  }
  const paid = order.status === 'paid';
  if (paid && (order.pointsEarned ?? 0) > 0) {
    movements.push({
      ref: `${order.id}-earn`,
      entry: { at, kind: 'earn', points: order.pointsEarned!, orderId: order.id, actorId: 'system' },
    });
  }
  const renewals = paid
    ? rewards.renewals.flatMap(({ code, terms }) => [
        renewalWrite(order.buyerId, code, terms, at),
        memberLogWrite(order.buyerId, {
          at,
          actorId: 'system',
          action: 'service.renewed',
          detail: { service: code, orderId: order.id, terms },
        }),
      ])
    : [];
  return [...pointsWrites(order.buyerId, movements, spent), ...renewals];
}

const pointsField = (rule: string, message: string) =>
  new RuleError(rule, message, [{ field: 'body.points', rule, message: `body.points: ${message}` }]);

/**
 * The points tender of a checkout: up to `requested` points, no more than the
 * member has (read now; the balance's condition in the order's transaction
 * decides for good) and no more than `due` pays for.
 */
export async function pointsTender(buyerId: string, requested: number, due: number): Promise<Tender | null> {
  const rule = await getPointsRule();
  if (!rule.enabled) throw pointsField('points_disabled', 'the company does not take points');
  const balance = await getPointsBalance(buyerId);
  if (requested > balance) throw pointsField('points_insufficient', `the member has ${balance} points`);
  const points = Math.min(requested, Math.floor(due / rule.pointValue));
  if (points <= 0) return null;
  return {
    kind: 'points',
    amount: points * rule.pointValue,
    points,
    label: `Reward points (${points})`,
    status: 'approved',
    refunded: 0,
  };
}

/**
 * A refund's points, in the refund's claim transaction: what a points tender
 * gets back, and the refunded share of what the order earned taken back
 * (the balance may go below zero when those points were spent already).
 */
export function refundRewardWrites(
  before: Order,
  after: Order,
  parts: readonly RefundPart[],
  refundId: string,
  actorId: string,
  at: string,
): TableWrite[] {
  const returned = parts
    .filter((part) => part.kind === 'points')
    .reduce((sum, part) => {
      const tender = before.tenders[part.tenderIndex]!;
      return sum + pointsReturned(tender, tender.refunded, tender.refunded + part.amount);
    }, 0);
  const reversed = earnedReversal(before.pointsEarned ?? 0, before, after);
  const movements: PointsMovement[] = [];
  if (returned > 0) {
    movements.push({
      ref: `${before.id}-${refundId}-returned`,
      entry: { at, kind: 'refund', points: returned, orderId: before.id, actorId },
    });
  }
  if (reversed > 0) {
    movements.push({
      ref: `${before.id}-${refundId}-reversed`,
      entry: { at, kind: 'refund', points: -reversed, orderId: before.id, actorId },
    });
  }
  return pointsWrites(before.buyerId, movements);
}

/** What the member's points would pay on a quote: `requested` (capped by balance and what is due), or none. */
export async function pointsQuote(buyerId: string, requested: number, due: number) {
  const [rule, balance] = await Promise.all([getPointsRule(), getPointsBalance(buyerId)]);
  if (!rule.enabled) return null;
  const applied = Math.max(0, Math.min(requested, balance, Math.floor(due / rule.pointValue)));
  return { balance, pointValue: rule.pointValue, applied, amount: applied * rule.pointValue };
}
