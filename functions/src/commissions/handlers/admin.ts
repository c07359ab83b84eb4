import { commissionsApi } from '@arbor/shared/api/commissions';
import { ConflictError, NotFoundError } from '@arbor/shared/errors';
import { accepted, created, file, route } from '../../lib/http.js';
import { monthKey } from '@arbor/shared/time';
import { weeklyPeriodOf } from '@arbor/shared/periods';
import { startClose } from '../close/start.js';
import { companyTimeZone, getPeriod, listPeriods, movePeriod, periodFor } from '../periods.js';
import { markPaid, payoutCsv } from '../payouts.js';
import { activatePlan, createDraft, getPlan, listPlans, parsePlanDocument, updateDraft } from '../plans.js';
import { whatIf } from '../whatif.js';

async function period(id: string) {
  const found = await getPeriod(id);
  if (!found) throw new NotFoundError(`No period ${id}.`, 'period_not_found');
  return found;
}

/** The periods, recent ones created on the way (this and the last two months, this and the last three weeks). */
export const adminListPeriods = route(commissionsApi.adminListPeriods, async () => {
  const timeZone = await companyTimeZone();
  const now = Date.now();
  const ids = new Set<string>();
  for (let back = 0; back < 3; back++) ids.add(monthKey(new Date(now - back * 28 * 86_400_000), timeZone));
  for (let back = 0; back < 4; back++) ids.add(weeklyPeriodOf(new Date(now - back * 7 * 86_400_000), timeZone));
  await Promise.all([...ids].map((id) => periodFor(id)));
  return { items: await listPeriods(60) };
});

export const adminGetPeriod = route(commissionsApi.adminGetPeriod, async ({ params }) => ({
  period: await periodFor(params.id),
}));

/** Calculate (or re-calculate) a period that has ended: a preview, until finalized. */
export const adminCalculate = route(commissionsApi.adminCalculate, async ({ params }) => {
  const started = await startClose(params.id, 'calculate');
  return accepted({ periodId: params.id, runId: started.runId, executionArn: started.executionArn });
});

/** Finalize a calculated period: results become immutable, ranks and balances are posted. */
export const adminFinalize = route(commissionsApi.adminFinalize, async ({ params }) => {
  const started = await startClose(params.id, 'finalize');
  return accepted({ periodId: params.id, executionArn: started.executionArn });
});

export const adminPayoutExport = route(commissionsApi.adminPayoutExport, async ({ params }) => {
  const found = await period(params.id);
  if (!['finalized', 'paid'].includes(found.state)) {
    throw new ConflictError(
      `Period ${found.id} is ${found.state}; payouts come from a finalized period.`,
      'period_not_finalized',
    );
  }
  return file(
    new TextEncoder().encode(await payoutCsv(found)),
    'text/csv; charset=utf-8',
    `payouts-${found.id}.csv`,
    'attachment',
  );
});

export const adminMarkPaid = route(commissionsApi.adminMarkPaid, async ({ params }) => {
  const found = await period(params.id);
  if (found.state === 'paid') return { period: found, paid: 0 };
  if (found.state !== 'finalized')
    throw new ConflictError(
      `Period ${found.id} is ${found.state}; only a finalized period is paid.`,
      'period_not_finalized',
    );
  const paid = await markPaid(found);
  return { period: await movePeriod(found.id, ['finalized'], 'paid', { paidAt: new Date().toISOString() }), paid };
});

export const adminListPlans = route(commissionsApi.adminListPlans, async () => ({ items: await listPlans() }));

export const adminGetPlan = route(commissionsApi.adminGetPlan, async ({ params }) => {
  const plan = await getPlan(params.id);
  if (!plan) throw new NotFoundError('No such plan.', 'plan_not_found');
  return { plan };
});

export const adminCreatePlan = route(commissionsApi.adminCreatePlan, async ({ body }) =>
  created({ plan: await createDraft(body.name, body.document, body.notes) }),
);

export const adminUpdatePlan = route(commissionsApi.adminUpdatePlan, async ({ params, body }) => {
  const plan = await getPlan(params.id);
  if (!plan) throw new NotFoundError('No such plan.', 'plan_not_found');
  return { plan: await updateDraft(plan, body, body.version) };
});

export const adminActivatePlan = route(commissionsApi.adminActivatePlan, async ({ params }) => {
  const plan = await getPlan(params.id);
  if (!plan) throw new NotFoundError('No such plan.', 'plan_not_found');
  return { plan: await activatePlan(plan) };
});

/** A draft (or an unsaved document) against a calculated period, without touching the ledger. */
export const adminWhatIf = route(commissionsApi.adminWhatIf, async ({ body }) => {
  const document =
    body.document !== undefined ? parsePlanDocument(body.document) : (await getPlan(body.planId ?? ''))?.document;
  if (!document) throw new NotFoundError('No such plan.', 'plan_not_found');
  return whatIf(document, await period(body.periodId));
});
