import { DescribeExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import type { Period } from '@arbor/shared/commissions/records';

/** A close that ended without success (failed, aborted, timed out), with the reason the period gives. */
export class CloseFailedError extends Error {}

export interface RunCloseOptions {
  finalize?: boolean;
  log?: (line: string) => void;
  pollMs?: number;
}

/**
 * What `npm run close` does: starts a calculation of the period (a new run,
 * even if it was calculated before), follows THAT execution to its end, and
 * with `finalize` then finalizes exactly that run. Progress lines come from
 * the period; the end comes from the execution itself, so an earlier run's
 * state or error is never mistaken for this one's.
 */
export async function runClose(
  periodId: string,
  options: RunCloseOptions = {},
): Promise<{ calculated: Period; finalized: Period | null; runId: string }> {
  const { startClose } = await import('@arbor/functions/commissions/close/start');
  const { getPeriod } = await import('@arbor/functions/commissions/periods');
  const log = options.log ?? (() => undefined);
  const sfn = new SFNClient({});

  const follow = async (executionArn: string): Promise<Period> => {
    const started = Date.now();
    let last = '';
    for (;;) {
      const [execution, period] = await Promise.all([
        sfn.send(new DescribeExecutionCommand({ executionArn })),
        getPeriod(periodId),
      ]);
      const progress = period?.progress;
      const line = `${period?.state} ${progress?.step ?? ''}${progress?.total ? ` ${progress.done}/${progress.total}` : ''}`;
      if (line !== last) {
        log(`${((Date.now() - started) / 1000).toFixed(1)} s  ${line}`);
        last = line;
      }
      if (execution.status === 'SUCCEEDED') return (await getPeriod(periodId))!;
      if (execution.status !== 'RUNNING' && execution.status !== 'PENDING_REDRIVE') {
        const reason = (await getPeriod(periodId))?.progress?.error ?? execution.cause ?? execution.error;
        throw new CloseFailedError(
          `the close of ${periodId} ended ${execution.status}: ${reason ?? 'no reason given'}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 300));
    }
  };

  const calculation = await startClose(periodId, 'calculate');
  const calculated = await follow(calculation.executionArn);
  log(`calculated ${periodId} (run ${calculation.runId}): ${JSON.stringify(calculated.totals)}`);
  if (!options.finalize) return { calculated, finalized: null, runId: calculation.runId };
  const finalize = await startClose(periodId, 'finalize', new Date(), { runId: calculation.runId });
  const finalized = await follow(finalize.executionArn);
  log(`finalized ${periodId}: ranks and balances posted`);
  return { calculated, finalized, runId: calculation.runId };
}
