import { parseArgs } from 'node:util';
import { AppError } from '@arbor/shared/errors';
import { stateMachineArnEnv } from '@arbor/functions/wiring';
import { localConfig, useRunningStack } from './config.js';
import { httpReachable } from './processes.js';
import { stateMachineArn } from './step-functions.js';
import { startLocalStack, StartupError, type LocalStack } from './stack.js';

/**
 * `npm run close -- --period 2026-11 [--finalize]` or `--week 2026-W47`:
 * runs the period close locally through the same state machine as in AWS
 * and follows its progress. Talks to `npm start` when it runs.
 */
const { values } = parseArgs({
  options: { period: { type: 'string' }, week: { type: 'string' }, finalize: { type: 'boolean', default: false } },
});
const periodId = values.period ?? values.week;
if (!periodId || !/^\d{4}-(\d{2}|W\d{2})$/.test(periodId)) {
  console.error('say which period: --period YYYY-MM or --week YYYY-Www (add --finalize to finalize it after)');
  process.exit(2);
}

const config = localConfig();
let stack: LocalStack | null = null;
try {
  if (await httpReachable(`${config.appUrl}/api/health`)) {
    console.log(`using the running back office at ${config.appUrl}`);
    await useRunningStack(config);
    process.env[stateMachineArnEnv('period-close')] = stateMachineArn('period-close');
  } else {
    stack = await startLocalStack({ http: false, jobs: false });
  }
  const { startClose } = await import('@arbor/functions/commissions/close/start');
  const { getPeriod } = await import('@arbor/functions/commissions/periods');

  const follow = async (action: 'calculate' | 'finalize', until: string) => {
    await startClose(periodId, action);
    const started = Date.now();
    let last = '';
    for (;;) {
      const period = await getPeriod(periodId);
      const progress = period?.progress;
      const line = `${period?.state} ${progress?.step ?? ''}${progress?.total ? ` ${progress.done}/${progress.total}` : ''}`;
      if (line !== last) {
        console.log(`${((Date.now() - started) / 1000).toFixed(1)} s  ${line}`);
        last = line;
      }
      if (progress?.step === 'failed') throw new Error(`the close failed: ${progress.error}`);
      if (period?.state === until) return period;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  };

  const calculated = await follow('calculate', 'calculated');
  console.log(`calculated ${periodId}:`, calculated.totals);
  if (values.finalize) {
    await follow('finalize', 'finalized');
    console.log(`finalized ${periodId}: ranks and balances posted`);
  }
} catch (error) {
  if (error instanceof StartupError || error instanceof AppError) {
    console.error(error.message);
    process.exitCode = 1;
  } else throw error;
} finally {
  await stack?.stop();
}
