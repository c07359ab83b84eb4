import { parseArgs } from 'node:util';
import { AppError } from '@arbor/shared/errors';
import { stateMachineArnEnv } from '@arbor/functions/wiring';
import { CloseFailedError, runClose } from './close-run.js';
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
  await runClose(periodId, { finalize: values.finalize, log: (line) => console.log(line) });
} catch (error) {
  if (error instanceof StartupError || error instanceof AppError || error instanceof CloseFailedError) {
    console.error(error.message);
    process.exitCode = 1;
  } else throw error;
} finally {
  await stack?.stop();
}
