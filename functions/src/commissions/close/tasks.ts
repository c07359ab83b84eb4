import { bonusesPaidIn } from '@arbor/shared/commissions/bonuses';
import { computePeriod } from '@arbor/shared/commissions/engine';
import { DEFAULT_PLAN, type Plan } from '@arbor/shared/commissions/plan';
import type { PartnerPeriod, Period } from '@arbor/shared/commissions/records';
import { ConflictError, RuleError } from '@arbor/shared/errors';
import { newEvent } from '@arbor/shared/integrations/events';
import { recordCloseDuration } from '../../lib/metrics.js';
import { outboxWrite } from '../../integrations/repository.js';
import { getJson, getJsonIfExists, putJson } from '../../lib/objects.js';
import { activePlan, getPlan } from '../plans.js';
import { chunkDone, companyTimeZone, getPeriod, markFinalized, movePeriod, reportProgress } from '../periods.js';
import { partnerPeriods, reversalsFor, type LinesByOrder, type Reversal } from '../results.js';
import { membersForClose, salesOf } from '../repository/close-input.js';
import { buildSnapshot, loadVolumeEvents, type Snapshot } from '../snapshot.js';
import { applyFinalizedChunk, writePartnerPeriods } from '../writes.js';
import { leaseExpired, leaseFrom } from './lease.js';
import { sendStatements } from '../statements.js';

/**
 * The period close, as small Step Functions tasks. Each takes and returns a
 * small JSON state; everything large lives in the periods bucket under
 * periods/<id>/runs/<runId>/. Every task can run again with the same input
 * and change nothing more.
 */
export interface CloseState {
  periodId: string;
  runId: string;
  action: 'calculate' | 'finalize';
  /** The run whose abandoned lock this one may take over (startClose checked its execution is over). */
  takeOver?: string;
  /** When startClose started the run: publish and fail report how long it took. */
  startedAt?: string;
  previousState?: Period['state'];
  snapshotKey?: string;
  chunks?: string[];
  chunk?: string;
}

/** What the Lock state passes: the state and the execution that will own the lock. */
export interface LockInput {
  state: CloseState;
  executionArn: string;
}

const runPrefix = (periodId: string, runId: string) => `periods/${periodId}/runs/${runId}`;
export const CHUNK_SIZE = 2000;

/**
 * Takes the period's lock for this run: owner (this execution) and lease.
 * Calculate: the period must be over (no order can land in it any more) and
 * not finalized; a lock held by another run is taken over only if that run is
 * known to be dead (startClose checked) or its lease has expired.
 */
export async function lock(event: CloseState | LockInput): Promise<CloseState> {
  const { state, executionArn } = 'state' in event ? event : { state: event, executionArn: null };
  const owner = { executionArn, leaseUntil: leaseFrom() };
  const period = await getPeriod(state.periodId);
  if (!period) throw new RuleError('unknown_period', `Period ${state.periodId} does not exist.`);
  if (period.state === 'calculating' && period.runId === state.runId) return { ...state, previousState: 'open' };
  if (state.action === 'finalize') {
    if (period.state !== 'finalizing') await movePeriod(period.id, ['calculated'], 'finalizing', owner);
    else await movePeriod(period.id, ['finalizing'], 'finalizing', owner);
    const chunks = await chunkKeys(period);
    await reportProgress(period.id, 'finalizing', 0, chunks.length);
    return { ...state, runId: period.runId!, chunks };
  }
  if (Date.now() < Date.parse(period.end)) {
    throw new ConflictError(`Period ${period.id} is still open for orders until ${period.end}.`, 'period_open');
  }
  // The plan in force when the close runs is the period's plan.
  const planId = (await activePlan()).id;
  if (period.state === 'calculating') {
    if (state.takeOver !== period.runId && !leaseExpired(period)) {
      throw new ConflictError(`Period ${period.id} is being calculated by another run.`, 'period_calculating');
    }
    // Only that very lock: if yet another run took it meanwhile, this one loses.
    await movePeriod(
      period.id,
      ['calculating'],
      'calculating',
      { runId: state.runId, planId, ...owner },
      undefined,
      period.runId ?? undefined,
    );
    await reportProgress(period.id, 'locked', 0, 0);
    return { ...state, previousState: 'open' };
  }
  await movePeriod(
    period.id,
    ['open', 'calculated'],
    'calculating',
    { runId: state.runId, planId, ...owner },
    () =>
      new ConflictError(
        `Period ${period.id} is ${period.state}: it cannot be calculated now.`,
        `period_${period.state}`,
      ),
  );
  await reportProgress(period.id, 'locked', 0, 0);
  return { ...state, previousState: period.state };
}

async function chunkKeys(period: Period): Promise<string[]> {
  const manifest = await getJson<{ chunks: string[] }>(`${runPrefix(period.id, period.runId!)}/manifest.json`);
  return manifest.chunks;
}

/** Reads the period's members and volume, and writes the engine's input to S3. */
export async function snapshot(state: CloseState): Promise<CloseState> {
  const period = (await getPeriod(state.periodId))!;
  const timeZone = await companyTimeZone();
  const [members, events] = await Promise.all([membersForClose(), loadVolumeEvents(period, timeZone)]);
  // Refunds here of sales from before: fetch those sales to know what they paid.
  const saleIds = new Set(events.filter((e) => e.kind === 'sale').map((e) => e.orderId));
  const earlier = [
    ...new Set(events.filter((e) => e.kind === 'refund' && !saleIds.has(e.orderId)).map((e) => e.orderId)),
  ];
  const sales = await salesOf(earlier);
  const snap = buildSnapshot(period, members, events, (id) => sales.get(id));
  const key = `${runPrefix(period.id, state.runId)}/snapshot.json`;
  await putJson(key, snap);
  await reportProgress(period.id, 'snapshot', snap.stats.orders, snap.stats.members);
  return { ...state, snapshotKey: key };
}

/** The plan the period is computed with (the default plan when it names none that exists). */
async function planOf(period: Period): Promise<Plan> {
  return (await getPlan(period.planId ?? 'default'))?.document ?? DEFAULT_PLAN;
}

/**
 * Runs the engine on the snapshot with the period's plan and writes per-partner results in chunks.
 * The plan decides which bonuses the period pays (docs/compensation-plan.md, "Which period pays
 * what"); a refund of an order sold in an earlier period of the same kind takes back what the order
 * paid there: that period's by-order index holds exactly the lines its plan paid for the order
 * (rank advancement has no order, so it is never reversed).
 */
export async function compute(state: CloseState): Promise<CloseState> {
  const period = (await getPeriod(state.periodId))!;
  const snap = await getJson<Snapshot>(state.snapshotKey!);
  // Leg detail exists only when the period settles ranks; it holds arrays the engine builds anyway.
  const result = computePeriod({ ...snap.input, plan: await planOf(period) }, { withLegDetail: true });
  const reversals: Reversal[] = [];
  for (const refund of snap.laterRefunds) {
    const sourceId = period.kind === 'monthly' ? refund.saleMonth : refund.saleWeek;
    const source = await getPeriod(sourceId);
    if (!source?.runId || !['finalized', 'paid'].includes(source.state)) continue;
    const byOrder = await getJsonIfExists<LinesByOrder>(`${runPrefix(source.id, source.runId)}/by-order.json`);
    reversals.push(...reversalsFor(refund, byOrder?.[refund.orderId] ?? [], source.id));
  }
  const { partners, byOrder, totals } = partnerPeriods(snap.input, result, reversals);
  const prefix = runPrefix(period.id, state.runId);
  const chunks: string[] = [];
  for (let start = 0; start < partners.length; start += CHUNK_SIZE) {
    const key = `${prefix}/chunks/${String(chunks.length).padStart(5, '0')}.json`;
    await putJson(key, partners.slice(start, start + CHUNK_SIZE));
    chunks.push(key);
  }
  await putJson(`${prefix}/by-order.json`, byOrder);
  await putJson(`${prefix}/advancements.json`, advancements(snap, partners));
  await putJson(`${prefix}/manifest.json`, { chunks, totals });
  await reportProgress(period.id, 'writing', 0, chunks.length);
  return { ...state, chunks };
}

/** Partners who reach a rank above any they held, with their placement uplines (for the uplines' dashboards). */
function advancements(snap: Snapshot, partners: PartnerPeriod[]) {
  const parent = new Map(snap.input.partners.map((m) => [m.id, m.placementId]));
  return partners
    .filter((p) => p.paidRank > p.previousHighestRank)
    .map((p) => {
      const uplines: string[] = [];
      for (let up = parent.get(p.memberId); up; up = parent.get(up)) uplines.push(up);
      return { memberId: p.memberId, paidRank: p.paidRank, previousHighestRank: p.previousHighestRank, uplines };
    });
}

/** One Map iteration: writes a chunk of partner results (calculate) or applies them (finalize). */
export async function writeChunk(input: {
  periodId: string;
  runId: string;
  action: CloseState['action'];
  chunk: string;
}) {
  if (input.action === 'calculate') {
    // A run that lost its lock (declared dead, taken over) must not write over the new run's results.
    const period = await getPeriod(input.periodId);
    if (period?.state !== 'calculating' || period.runId !== input.runId) {
      throw new ConflictError(`Period ${input.periodId} is no longer locked by run ${input.runId}.`, 'lock_lost');
    }
  }
  const partners = await getJson<PartnerPeriod[]>(input.chunk);
  if (input.action === 'finalize') {
    await applyFinalizedChunk(input.periodId, partners, await postsRanks(input.periodId));
    await sendStatements(input.periodId, partners);
  } else await writePartnerPeriods(input.periodId, input.runId, partners);
  await chunkDone(input.periodId);
  return { chunk: input.chunk, partners: partners.length };
}

/**
 * Whether finalizing the period writes the paid and highest ranks onto the profiles: when its plan
 * pays rank advancement in it, since the profile's highest rank is what makes that bonus one-time
 * (monthly under the default plan).
 */
async function postsRanks(periodId: string): Promise<boolean> {
  const period = (await getPeriod(periodId))!;
  return bonusesPaidIn(await planOf(period), period.kind).includes('rankAdvancement');
}

/** Calculate done: the period becomes a previewable calculation with its totals. */
export async function publish(state: CloseState): Promise<CloseState> {
  const prefix = runPrefix(state.periodId, state.runId);
  if (state.action === 'finalize') {
    const period = await getPeriod(state.periodId);
    if (period?.state === 'finalizing') {
      const finalizedAt = new Date().toISOString();
      const { id: periodId, kind, start, end } = period;
      // The period.finalized event (webhooks) is written with the state change or not at all.
      await markFinalized(period, finalizedAt, [
        outboxWrite(newEvent('period.finalized', { periodId, kind, start, end, finalizedAt }, finalizedAt)),
      ]);
    }
    await reportProgress(state.periodId, 'finalized', 1, 1);
    closeEnded(state, 'published');
    return state;
  }
  const manifest = await getJson<{ totals: Period['totals'] }>(`${prefix}/manifest.json`);
  const period = await getPeriod(state.periodId);
  if (period?.state === 'calculated' && period.runId === state.runId) return state;
  await movePeriod(
    state.periodId,
    ['calculating'],
    'calculated',
    { totals: manifest.totals, calculatedAt: new Date().toISOString(), resultKey: prefix, leaseUntil: null },
    undefined,
    state.runId,
  );
  await reportProgress(state.periodId, 'calculated', 1, 1);
  closeEnded(state, 'published');
  return state;
}

/** A failed close puts the period back as it was and says why (the state machine's Catch runs it). */
export async function fail(state: CloseState & { error?: { Error?: string; Cause?: string } }): Promise<CloseState> {
  const cause = state.error?.Cause ?? state.error?.Error ?? 'unknown error';
  await releaseLock(state, cause);
  closeEnded(state, 'failed');
  return state;
}

/** The close's duration metric (seconds from startClose to its last task), by action and outcome. */
function closeEnded(state: CloseState, outcome: 'published' | 'failed') {
  if (!state.startedAt) return;
  recordCloseDuration((Date.now() - Date.parse(state.startedAt)) / 1000, state.action, outcome);
}

/**
 * Releases a run's lock after it failed or died: a calculation goes back to
 * open (some partners' results may be from the failed run), to be calculated
 * again; a finalize stays finalizing (its results are fixed already) and only
 * loses its lease, so running finalize again finishes it. Only the run that
 * holds the lock changes anything: a loser of a race leaves the winner alone.
 */
export async function releaseLock(state: Pick<CloseState, 'periodId' | 'runId' | 'action'>, cause: string) {
  const period = await getPeriod(state.periodId);
  if (!period || period.runId !== state.runId) return;
  try {
    if (state.action === 'calculate' && period.state === 'calculating') {
      await movePeriod(state.periodId, ['calculating'], 'open', { leaseUntil: null }, undefined, state.runId);
    } else if (state.action === 'finalize' && period.state === 'finalizing') {
      await movePeriod(state.periodId, ['finalizing'], 'finalizing', { leaseUntil: null }, undefined, state.runId);
    } else return;
  } catch (error) {
    // Another run took the lock meanwhile: it is not ours to release, nor to report on.
    if (error instanceof ConflictError && error.code === 'lock_lost') return;
    throw error;
  }
  await reportProgress(state.periodId, 'failed', 0, 0, cause.slice(0, 500));
}
