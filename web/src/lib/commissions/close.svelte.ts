/**
 * The admin's periods and the close runs on them. A close runs as a state machine on the server;
 * the page starts it (202) and then reads the period every second until the run reports its end
 * (`calculated`, `finalized` or `failed`), so the progress bar moves as the machine works.
 */
import { ApiError, call } from '../api';
import type { Period } from './types';

export type CloseAction = 'calculate' | 'finalize';

const POLL_MS = 1000;
/** A run that has not moved the period for this long is no longer followed (the list can be reloaded). */
const GIVE_UP_MS = 15 * 60_000;
const TERMINAL_STEPS = new Set(['calculated', 'finalized', 'failed']);
const BUSY: readonly Period['state'][] = ['calculating', 'finalizing'];

export const isBusy = (period: Period) => BUSY.includes(period.state);

/** The close has finished when the period is no longer busy and its progress says how it ended. */
export function runEnded(period: Period, startedAt: string | null): boolean {
  if (isBusy(period)) return false;
  const progress = period.progress;
  if (!progress || !TERMINAL_STEPS.has(progress.step)) return false;
  // Progress from an earlier run does not count: this run must have written its own.
  return startedAt === null || progress.at !== startedAt;
}

/** What the admin may do with a period in its state. */
export function actionsFor(period: Period, now = Date.now()) {
  const ended = Date.parse(period.end) <= now;
  return {
    // A "calculating" period whose lock outlived its lease was left by a run that died: it may run again.
    calculate:
      ended &&
      (period.state === 'open' ||
        period.state === 'calculated' ||
        (period.state === 'calculating' && !!period.leaseUntil && Date.parse(period.leaseUntil) <= now)),
    recalculate: period.state === 'calculated',
    finalize: period.state === 'calculated',
    /** A finalize that failed halfway leaves the period finalizing; running it again finishes it. */
    resumeFinalize: period.state === 'finalizing' && period.progress?.step === 'failed',
    payouts: period.state === 'finalized' || period.state === 'paid',
    markPaid: period.state === 'finalized',
    whatIf: ['calculated', 'finalized', 'paid'].includes(period.state),
    openForOrders: !ended,
  };
}

export class PeriodBoard {
  periods = $state.raw<Period[]>([]);
  loading = $state(false);
  failed = $state(false);
  /** Periods whose close this page follows: id -> the progress timestamp seen before it started. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping of the poller; `watching` is the state
  #watched = new Map<string, { before: string | null; since: number }>();
  watching = $state<string[]>([]);
  /** Every period whose run this page has followed (its last progress stays on show). */
  followed = $state<string[]>([]);
  #timer: ReturnType<typeof setTimeout> | undefined;
  #stopped = false;

  /** `GET /api/admin/periods` (which also creates the recent months and weeks), or one period. */
  async load(only?: string): Promise<void> {
    this.loading = true;
    this.failed = false;
    try {
      if (only) this.#put((await call('commissions.adminGetPeriod', { params: { id: only } })).period);
      else this.periods = (await call('commissions.adminListPeriods')).items;
      // A close started elsewhere (another tab, the CLI) is followed too.
      for (const period of this.periods) if (isBusy(period)) this.#watch(period.id, null);
    } catch {
      this.failed = true;
    } finally {
      this.loading = false;
    }
  }

  get(id: string): Period | undefined {
    return this.periods.find((p) => p.id === id);
  }

  /** Starts a calculate or finalize; the error is the server's refusal (409 period_open, 422 not_calculated…). */
  async start(id: string, action: CloseAction): Promise<ApiError | null> {
    const before = this.get(id)?.progress?.at ?? null;
    try {
      await call(action === 'calculate' ? 'commissions.adminCalculate' : 'commissions.adminFinalize', {
        params: { id },
      });
    } catch (error) {
      if (error instanceof ApiError) return error;
      throw error;
    }
    const current = this.get(id);
    // Until the machine writes its first step, the period shows as starting.
    if (current)
      this.#put({
        ...current,
        state: action === 'calculate' ? 'calculating' : 'finalizing',
        progress: { step: 'starting', done: 0, total: 0, at: before ?? '' },
      });
    this.#watch(id, before);
    return null;
  }

  async markPaid(id: string): Promise<{ error: ApiError | null; paid: number }> {
    try {
      const answer = await call('commissions.adminMarkPaid', { params: { id } });
      this.#put(answer.period);
      return { error: null, paid: answer.paid };
    } catch (error) {
      if (error instanceof ApiError) return { error, paid: 0 };
      throw error;
    }
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
  }

  #put(period: Period) {
    const index = this.periods.findIndex((p) => p.id === period.id);
    this.periods = index === -1 ? [...this.periods, period] : this.periods.map((p, i) => (i === index ? period : p));
  }

  #watch(id: string, before: string | null) {
    if (!this.#watched.has(id)) this.#watched.set(id, { before, since: Date.now() });
    this.watching = [...this.#watched.keys()];
    if (!this.followed.includes(id)) this.followed = [...this.followed, id];
    this.#schedule();
  }

  #schedule() {
    if (this.#stopped || this.#timer !== undefined || this.#watched.size === 0) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#poll();
    }, POLL_MS);
  }

  async #poll() {
    await Promise.all(
      [...this.#watched].map(async ([id, watch]) => {
        try {
          const { period } = await call('commissions.adminGetPeriod', { params: { id } });
          if (this.#stopped) return;
          this.#put(period);
          if (runEnded(period, watch.before) || Date.now() - watch.since > GIVE_UP_MS) this.#watched.delete(id);
        } catch {
          // A missed read is retried on the next tick; the run goes on without the page.
        }
      }),
    );
    this.watching = [...this.#watched.keys()];
    this.#schedule();
  }
}
