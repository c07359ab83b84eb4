import { CronExpressionParser } from 'cron-parser';
import type { ScheduledJob } from '@arbor/functions/wiring';
import { lambdaContext, loadHandler } from './lambda.js';

/**
 * EventBridge Scheduler, locally: each schedule in the wiring fires at its
 * cron time in its time zone and calls the same handler with the same input
 * (`{ scheduledTime }`) the deployed schedule sends. `runJobNow` is what the
 * CLI commands use to run a night on demand.
 */
export interface ScheduledEvent {
  scheduledTime: string;
}

export function nextRun(job: ScheduledJob, after: Date, timeZone: string): Date {
  return CronExpressionParser.parse(job.cron, { currentDate: after, tz: timeZone }).next().toDate();
}

/** Runs a job as its schedule would; `extra` adds input (the CLI passes `{ date }` to run a given night). */
export async function runJobNow(
  job: ScheduledJob,
  scheduledTime: Date,
  extra: Record<string, unknown> = {},
): Promise<unknown> {
  const handler = await loadHandler<ScheduledEvent, unknown>(job.entry);
  return handler({ scheduledTime: scheduledTime.toISOString(), ...extra }, lambdaContext(job.name, 15 * 60_000));
}

export class LocalScheduler {
  private timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly jobs: readonly ScheduledJob[],
    private readonly timeZone: string,
    private readonly log: (line: string) => void = console.log,
  ) {}

  start(): void {
    for (const job of this.jobs) this.arm(job, new Date());
  }

  private arm(job: ScheduledJob, after: Date) {
    const at = nextRun(job, after, this.timeZone);
    // setTimeout overflows past ~24.8 days; re-arm in steps.
    const delay = Math.min(at.getTime() - Date.now(), 2 ** 31 - 1);
    this.timers.set(
      job.name,
      setTimeout(async () => {
        if (Date.now() < at.getTime()) return this.arm(job, after);
        this.log(`[scheduler] ${job.name} for ${at.toISOString()}`);
        try {
          await runJobNow(job, at);
        } catch (error) {
          this.log(`[scheduler] ${job.name} failed: ${(error as Error).message}`);
        }
        this.arm(job, at);
      }, delay),
    );
  }

  nextRuns(): { name: string; at: Date }[] {
    return this.jobs.map((job) => ({ name: job.name, at: nextRun(job, new Date(), this.timeZone) }));
  }

  stop(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
