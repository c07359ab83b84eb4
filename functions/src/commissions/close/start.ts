import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { randomUUID } from 'node:crypto';
import { ConflictError, RuleError } from '@arbor/shared/errors';
import { stateMachineArnEnv } from '../../wiring.js';
import { requireEnv } from '../../lib/env.js';
import { periodFor } from '../periods.js';
import { lockAbandoned } from './lease.js';
import type { CloseState } from './tasks.js';

let sfn: SFNClient | undefined;

/**
 * Starts the close state machine for a period, after checking what the
 * machine would refuse, so the admin gets a clear 4xx instead of a failed run.
 * A calculation whose run died (its execution no longer RUNNING, or its lease
 * over) does not block the period: the new run takes its lock over.
 * `runId` (finalize) finalizes only that calculation.
 */
export async function startClose(
  periodId: string,
  action: CloseState['action'],
  now = new Date(),
  options: { runId?: string } = {},
) {
  const period = await periodFor(periodId);
  let takeOver: string | undefined;
  if (action === 'calculate') {
    if (now.getTime() < Date.parse(period.end)) {
      throw new ConflictError(
        `Period ${periodId} is still open for orders until ${period.end}; calculate it after it ends.`,
        'period_open',
      );
    }
    if (period.state === 'calculating') {
      if (!(await lockAbandoned(period, now)))
        throw new ConflictError(`Period ${periodId} is being calculated right now.`, 'period_calculating');
      takeOver = period.runId ?? undefined;
    }
    if (period.state === 'finalizing' || period.state === 'finalized' || period.state === 'paid') {
      throw new ConflictError(
        `Period ${periodId} is ${period.state}: its results can no longer change.`,
        'period_finalized',
      );
    }
  } else {
    if (period.state === 'open' || period.state === 'calculating') {
      throw new RuleError(
        'not_calculated',
        `Period ${periodId} has no finished calculation to finalize; calculate it first.`,
      );
    }
    if (period.state !== 'calculated' && period.state !== 'finalizing') {
      throw new ConflictError(`Period ${periodId} is ${period.state} already.`, 'period_finalized');
    }
    if (period.state === 'finalizing' && !(await lockAbandoned(period, now))) {
      throw new ConflictError(`Period ${periodId} is being finalized right now.`, 'period_finalizing');
    }
    if (options.runId && period.runId !== options.runId) {
      throw new ConflictError(
        `Period ${periodId} holds calculation ${period.runId}, not ${options.runId}: check it before finalizing.`,
        'run_changed',
      );
    }
  }
  const runId = action === 'calculate' ? randomUUID() : period.runId!;
  sfn ??= new SFNClient({});
  const execution = await sfn.send(
    new StartExecutionCommand({
      stateMachineArn: requireEnv(stateMachineArnEnv('period-close')),
      name: `${periodId}-${action}-${action === 'calculate' ? runId.slice(0, 8) : Date.now()}`,
      input: JSON.stringify({
        periodId,
        runId,
        action,
        startedAt: now.toISOString(),
        ...(takeOver ? { takeOver } : {}),
      } satisfies CloseState),
    }),
  );
  return { period, runId, executionArn: execution.executionArn! };
}
