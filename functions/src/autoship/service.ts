import { randomUUID } from 'node:crypto';
import { AppError, RuleError } from '@arbor/shared/errors';
import type { Member } from '@arbor/shared/members/model';
import { nextRunDate } from '@arbor/shared/orders/autoship-dates';
import type { Autoship } from '@arbor/shared/orders/autoship';
import { dayKey } from '@arbor/shared/time';
import { DEFAULT_SETTINGS } from '@arbor/shared/company';
import { getCompanySettings } from '../company/repository.js';
import { quoteCart } from '../orders/checkout.js';
import { getMethod } from '../payments/methods.js';
import type { TableWrite } from '../lib/db.js';
import { getAutoship, listAutoships, runOrderId, writeAutoship } from './repository.js';
import { refreshAutoshipSummary } from './summary.js';
import { appendMemberLog, memberLogWrite } from '../members/repository.js';
import { sendEmail } from '../email/send.js';
import { smartOrdersCanceledEmail } from '../email/templates.js';
import { logger } from '../lib/logger.js';

/**
 * Writes a new version (expected 0 creates), refusing a stale one, with any
 * writes that belong to the change in the same transaction (the
 * autoship.declined event), then refreshes the member's smart-order summary
 * its uplines see.
 */
export async function saveAutoship(
  autoship: Autoship,
  expectedVersion: number,
  market: string,
  also: TableWrite[] = [],
): Promise<Autoship> {
  const next: Autoship = { ...autoship, version: expectedVersion + 1, updatedAt: new Date().toISOString() };
  await writeAutoship(next, expectedVersion, also);
  await refreshAutoshipSummary(next.memberId, market, await listAutoships(next.memberId));
  return next;
}

async function today(now = new Date()) {
  const settings = await getCompanySettings();
  return dayKey(now, settings?.timeZone ?? DEFAULT_SETTINGS.timeZone);
}

/** Checks a smart order's cart and card the way a run would, so a bad one is refused now, not at night. */
async function validate(member: Member, autoship: Pick<Autoship, 'items' | 'shippingAddress' | 'paymentMethodId'>) {
  await quoteCart(member, autoship.items, autoship.shippingAddress, { forAutoship: true });
  await getMethod(member.id, autoship.paymentMethodId).catch(() => {
    throw new RuleError('unknown_payment_method', 'That card is not one of the member’s saved cards.', [
      {
        field: 'body.paymentMethodId',
        rule: 'unknown_payment_method',
        message: 'body.paymentMethodId: not a saved card',
      },
    ]);
  });
}

export async function createAutoship(
  member: Member,
  input: Pick<Autoship, 'items' | 'dayOfMonth' | 'paymentMethodId' | 'shippingAddress'>,
): Promise<Autoship> {
  await validate(member, input);
  const now = new Date().toISOString();
  return saveAutoship(
    {
      id: randomUUID(),
      memberId: member.id,
      status: 'active',
      ...input,
      nextRunDate: nextRunDate(input.dayOfMonth, await today()),
      retry: null,
      lastRun: null,
      createdAt: now,
      updatedAt: now,
      version: 0,
    },
    0,
    member.market,
  );
}

export async function updateAutoship(
  member: Member,
  autoship: Autoship,
  changes: Partial<Pick<Autoship, 'items' | 'dayOfMonth' | 'paymentMethodId' | 'shippingAddress'>>,
  version: number,
): Promise<Autoship> {
  const next: Autoship = { ...autoship, ...changes };
  await validate(member, next);
  if (changes.dayOfMonth !== undefined && !autoship.retry)
    next.nextRunDate = nextRunDate(changes.dayOfMonth, await today());
  return saveAutoship(next, version, member.market);
}

export type AutoshipAction = 'skip' | 'pause' | 'resume' | 'cancel';

/** Skip moves the next run a month on; pause and cancel stop the nightly pick-up; resume restarts it. */
export async function actOnAutoship(
  member: Member,
  autoship: Autoship,
  action: AutoshipAction,
  version: number,
): Promise<Autoship> {
  const refuse = (message: string) =>
    new RuleError('invalid_action', message, [{ field: 'action', rule: 'invalid_action', message }]);
  switch (action) {
    case 'skip':
      if (autoship.status !== 'active') throw refuse('Only an active smart order can skip its next run.');
      return saveAutoship(
        { ...autoship, retry: null, nextRunDate: nextRunDate(autoship.dayOfMonth, autoship.nextRunDate) },
        version,
        member.market,
      );
    case 'pause':
      if (autoship.status !== 'active') throw refuse('Only an active smart order can be paused.');
      return saveAutoship({ ...autoship, status: 'paused', retry: null }, version, member.market);
    case 'resume':
      if (autoship.status !== 'paused') throw refuse('Only a paused smart order can be resumed.');
      return saveAutoship(
        { ...autoship, status: 'active', nextRunDate: nextRunDate(autoship.dayOfMonth, await today()) },
        version,
        member.market,
      );
    case 'cancel':
      if (autoship.status === 'canceled') throw refuse('This smart order is canceled already.');
      return saveAutoship({ ...autoship, status: 'canceled', retry: null }, version, member.market);
  }
}

/**
 * A canceled member's smart orders stop with it: each one still running is
 * canceled (in the member's log, with who and why) and the member is told in
 * one mail. Safe to repeat: canceled ones are left alone, so a second call
 * changes and sends nothing.
 */
export async function cancelAutoshipsOf(member: Member, actorId: string, reason: string): Promise<number> {
  const running = (await listAutoships(member.id)).filter((autoship) => autoship.status !== 'canceled');
  let canceled = 0;
  for (const autoship of running) {
    try {
      await saveAutoship({ ...autoship, status: 'canceled', retry: null }, autoship.version, member.market);
    } catch (error) {
      // Changed meanwhile (a run, an edit): the run checks the member's status before it charges anyway.
      logger.warn('smart order not canceled with its member', { autoshipId: autoship.id, error });
      continue;
    }
    await appendMemberLog(member.id, {
      actorId,
      action: 'autoship.canceled',
      detail: { autoshipId: autoship.id },
      reason,
    });
    canceled++;
  }
  if (canceled > 0 && member.email) await sendEmail(smartOrdersCanceledEmail(member, canceled));
  return canceled;
}

/**
 * Support ends the payment retries of a declined run: the run is given up as declined now (its order stays
 * unpaid, for support to take a payment on it or leave it), the smart order moves on to its next regular run,
 * and the member's log says who and why, in the transaction of the change. A smart order with no retry
 * pending is answered as it is, so a repeated request (or ten in parallel: one stops them, the others find
 * them stopped) applies once.
 */
export async function stopRetries(
  member: Member,
  autoship: Autoship,
  version: number,
  actorId: string,
  reason: string,
  now = new Date(),
): Promise<{ autoship: Autoship; stopped: boolean }> {
  const retry = autoship.retry;
  if (!retry) return { autoship, stopped: false };
  const at = now.toISOString();
  const orderId = await runOrderId(autoship.id, retry.runDate);
  try {
    const saved = await saveAutoship(
      {
        ...autoship,
        retry: null,
        nextRunDate: nextRunDate(autoship.dayOfMonth, retry.runDate),
        lastRun: {
          runDate: retry.runDate,
          status: 'declined',
          orderId,
          at,
          reason: 'Payment retries stopped by support.',
          code: 'retries_stopped',
        },
      },
      version,
      member.market,
      [
        memberLogWrite(member.id, {
          at,
          actorId,
          action: 'support.autoship_retries_stopped',
          detail: {
            autoshipId: autoship.id,
            runDate: retry.runDate,
            attempts: retry.attempt,
            orderId,
            from: retry.nextAttemptDate,
            to: null,
          },
          reason,
        }),
      ],
    );
    return { autoship: saved, stopped: true };
  } catch (error) {
    if (!(error instanceof AppError) || error.status !== 409) throw error;
    // Changed meanwhile: if the retries are gone (this same request won), that is the answer.
    const current = await getAutoship(member.id, autoship.id);
    if (current && !current.retry) return { autoship: current, stopped: false };
    throw error;
  }
}
