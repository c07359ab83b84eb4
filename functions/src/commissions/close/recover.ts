import { listPeriods } from '../periods.js';
import { releaseLock } from './tasks.js';
import { startClose } from './start.js';

/**
 * After a restart of the runtime that ran the closes (the local stack), no
 * earlier execution is alive: every period a close still holds is released
 * or resumed. A calculation goes back to open, saying it was interrupted (it
 * is calculated again from scratch); a finalize that was interrupted (not one
 * that failed) is started again, which finishes it (its tasks are idempotent).
 * Returns one line per period it touched.
 */
export async function recoverInterruptedCloses(isRunning: (executionArn: string) => boolean): Promise<string[]> {
  const lines: string[] = [];
  for (const period of await listPeriods(1000)) {
    if (period.state !== 'calculating' && period.state !== 'finalizing') continue;
    if (period.executionArn && isRunning(period.executionArn)) continue;
    if (!period.runId) continue;
    if (period.state === 'calculating') {
      await releaseLock(
        { periodId: period.id, runId: period.runId, action: 'calculate' },
        'Interrupted: the close stopped before it finished (the stack was stopped). Calculate the period again.',
      );
      lines.push(`the calculation of ${period.id} was interrupted: the period is open again, calculate it again`);
    } else if (period.progress?.step !== 'failed') {
      await startClose(period.id, 'finalize');
      lines.push(`the finalize of ${period.id} was interrupted: resumed`);
    }
  }
  return lines;
}
