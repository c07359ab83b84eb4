import { localConfig, useRunningStack } from '../infra/src/local/config.js';
import { httpReachable } from '../infra/src/local/processes.js';

/**
 * Points a maintenance script (a backfill) at its table: the one TABLE_NAME
 * names (with the AWS credentials of the environment), or else the running
 * `npm start`'s. Exits when there is neither.
 */
export async function useTargetTable(): Promise<void> {
  if (process.env.TABLE_NAME) return;
  const config = localConfig();
  const endpoint = `http://127.0.0.1:${config.ports.dynamodb}`;
  if (!(await httpReachable(endpoint))) {
    console.error(`No TABLE_NAME set and no running stack at ${endpoint}: start it with npm start.`);
    process.exit(2);
  }
  await useRunningStack(config);
}
