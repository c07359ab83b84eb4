import { computePeriod } from '@arbor/shared/commissions/engine';
import type { Plan } from '@arbor/shared/commissions/plan';
import type { Period } from '@arbor/shared/commissions/records';
import { RuleError } from '@arbor/shared/errors';
import { getJson } from '../lib/objects.js';
import { getMembers } from '../members/repository.js';
import type { Snapshot } from './snapshot.js';
import { getPlan } from './plans.js';

/**
 * Runs a draft plan on a calculated or finalized period's own snapshot and
 * compares it with the period's plan on the same input: totals by bonus and
 * the partners whose pay changes most. Nothing is written.
 */
export async function whatIf(draft: Plan, period: Period) {
  if (!period.resultKey || !['calculated', 'finalized', 'paid'].includes(period.state)) {
    throw new RuleError(
      'not_calculated',
      `Period ${period.id} has no calculation to compare with; calculate it first.`,
    );
  }
  const snapshot = await getJson<Snapshot>(`${period.resultKey}/snapshot.json`);
  const current = (await getPlan(period.planId ?? 'default'))?.document ?? null;
  const started = Date.now();
  const before = computePeriod({ ...snapshot.input, plan: current });
  const after = computePeriod({ ...snapshot.input, plan: draft });
  const perPartner = (result: typeof before) => {
    const totals = new Map<string, number>();
    for (const line of result.lines) totals.set(line.recipientId, (totals.get(line.recipientId) ?? 0) + line.amount);
    return totals;
  };
  const a = perPartner(before);
  const b = perPartner(after);
  const changes = [...new Set([...a.keys(), ...b.keys()])]
    .map((id) => ({ memberId: id, before: a.get(id) ?? 0, after: b.get(id) ?? 0 }))
    .map((c) => ({ ...c, change: c.after - c.before }))
    .filter((c) => c.change !== 0)
    .sort((x, y) => Math.abs(y.change) - Math.abs(x.change))
    .slice(0, 25);
  const names = new Map((await getMembers(changes.map((c) => c.memberId))).map((m) => [m.id, m.displayName]));
  const totals = (result: typeof before) => ({
    ...result.totals,
    breakage: result.breakage,
    total: Object.values(result.totals).reduce((s, v) => s + v, 0),
  });
  return {
    period: { id: period.id, kind: period.kind },
    current: totals(before),
    draft: totals(after),
    largestChanges: changes.map((c) => ({ ...c, name: names.get(c.memberId) ?? c.memberId })),
    computeMs: Date.now() - started,
  };
}
