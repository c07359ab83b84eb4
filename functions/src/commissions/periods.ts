import type { Period, PeriodState } from '@arbor/shared/commissions/records';
import { DEFAULT_SETTINGS } from '@arbor/shared/company';
import { ConflictError, RuleError } from '@arbor/shared/errors';
import { isMonthlyPeriod, isWeeklyPeriod, weekRange } from '@arbor/shared/periods';
import { monthRange } from '@arbor/shared/time';
import { getCompanySettings } from '../company/repository.js';
import type { TableWrite } from '../lib/db.js';
import { getPeriod, insertPeriod, setFinalized, setPeriodState } from './repository/periods.js';

export { chunkDone, getPeriod, listPeriods, reportProgress } from './repository/periods.js';

export async function companyTimeZone() {
  return (await getCompanySettings())?.timeZone ?? DEFAULT_SETTINGS.timeZone;
}

/** The one currency commissions are paid in (the payout minimum's). */
export async function payoutCurrency() {
  return (await getCompanySettings())?.payoutMinimum.currency ?? DEFAULT_SETTINGS.payoutMinimum.currency;
}

/** Boundaries of a period id (`2026-11` or `2026-W48`) in the company's time zone. */
export async function boundsOf(id: string) {
  const timeZone = await companyTimeZone();
  if (isMonthlyPeriod(id)) return { kind: 'monthly' as const, ...monthRange(id, timeZone) };
  if (isWeeklyPeriod(id)) return { kind: 'weekly' as const, ...weekRange(id, timeZone) };
  throw new RuleError('unknown_period', `${id} is not a period: use YYYY-MM or YYYY-Www.`, [
    { field: 'params.id', rule: 'unknown_period', message: 'params.id: must be YYYY-MM or YYYY-Www' },
  ]);
}

/** The period, created (open) on first use. */
export async function periodFor(id: string): Promise<Period> {
  const existing = await getPeriod(id);
  if (existing) return existing;
  const { kind, start, end } = await boundsOf(id);
  const period: Period = {
    id,
    kind,
    start: start.toISOString(),
    end: end.toISOString(),
    state: 'open',
    planId: null,
    runId: null,
    executionArn: null,
    leaseUntil: null,
    progress: null,
    totals: null,
    calculatedAt: null,
    finalizedAt: null,
    paidAt: null,
    resultKey: null,
    version: 1,
  };
  // Created meanwhile by someone else: theirs it is.
  return (await insertPeriod(period)) ? period : (await getPeriod(id))!;
}

/**
 * Moves a period between states only from the states given, atomically, with
 * any other fields to set; a refused move says which rule it broke.
 */
export async function movePeriod(
  id: string,
  from: readonly PeriodState[],
  to: PeriodState,
  set: Partial<Period> = {},
  refusal?: () => Error,
  /** Only if this run holds the period (the lock's owner): a run that lost its lock changes nothing. */
  ownerRunId?: string,
): Promise<Period> {
  const moved = await setPeriodState(id, from, to, set, ownerRunId);
  if (moved) return moved;
  const current = await getPeriod(id);
  if (ownerRunId !== undefined && current && current.runId !== ownerRunId && from.includes(current.state)) {
    throw new ConflictError(
      `Period ${id} is held by another run (${current.runId ?? 'none'}), not ${ownerRunId}.`,
      'lock_lost',
    );
  }
  throw (
    refusal?.() ??
    new RuleError(
      'invalid_period_state',
      `Period ${id} is ${current?.state ?? 'missing'}; it must be ${from.join(' or ')} for this.`,
    )
  );
}

/**
 * Ends a finalize: the period moves from finalizing to finalized, its lease
 * released, with `also` in the same transaction (the period.finalized event),
 * so the event is written exactly when the period is finalized. A period
 * finalized already (a task run again) changes nothing; any other state is
 * refused as movePeriod refuses it.
 */
export async function markFinalized(period: Period, finalizedAt: string, also: TableWrite[]): Promise<void> {
  if (await setFinalized(period.id, finalizedAt, also)) return;
  const current = await getPeriod(period.id);
  if (current?.state === 'finalized') return;
  throw new RuleError(
    'invalid_period_state',
    `Period ${period.id} is ${current?.state ?? 'missing'}; it must be finalizing for this.`,
  );
}
