import { parseArgs } from 'node:util';
import { scheduledJobs } from '@arbor/functions/wiring';
import { localConfig } from './config.js';
import { controlHeaders } from './control.js';
import { httpReachable } from './processes.js';
import { runJobNow } from './scheduler.js';
import { startLocalStack, StartupError, type LocalStack } from './stack.js';

/**
 * `npm run autoship -- --date 2026-12-01`: runs one night of smart orders
 * locally, as the nightly schedule would, and follows the queue to the end.
 * Talks to `npm start` when it runs; otherwise starts the stack itself.
 */
const { values } = parseArgs({ options: { date: { type: 'string' } } });
const date = values.date ?? new Date().toISOString().slice(0, 10);
if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
  console.error('--date must be YYYY-MM-DD');
  process.exit(2);
}
const job = scheduledJobs.find((j) => j.name === 'autoship-nightly')!;
const config = localConfig();
let stack: LocalStack | null = null;

async function depth(): Promise<{ visible: number; inFlight: number }> {
  if (stack) return stack.queues.get('autoship')!.counts();
  const response = await fetch(`${config.appUrl}/__local/queues`, { headers: controlHeaders() });
  return ((await response.json()) as Record<string, { visible: number; inFlight: number }>).autoship!;
}

try {
  let enqueued: number;
  if (await httpReachable(`${config.appUrl}/api/health`)) {
    console.log(`using the running back office at ${config.appUrl}`);
    const response = await fetch(`${config.appUrl}/__local/jobs/${job.name}`, {
      method: 'POST',
      headers: controlHeaders(),
      body: JSON.stringify({ date }),
    });
    enqueued = ((await response.json()) as { result: { enqueued: number } }).result.enqueued;
  } else {
    stack = await startLocalStack({ http: false });
    enqueued = ((await runJobNow(job, new Date(), { date })) as { enqueued: number }).enqueued;
  }
  console.log(`${date}: ${enqueued} smart orders due, queued`);
  const started = Date.now();
  let last = -1;
  for (;;) {
    const { visible, inFlight } = await depth();
    const left = visible + inFlight;
    const done = enqueued - left;
    if (done !== last) {
      console.log(`processed ${done}/${enqueued} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      last = done;
    }
    if (left === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  console.log('done: see the orders in the back office (type smart order), declines retry on the next days');
} catch (error) {
  if (error instanceof StartupError) {
    console.error(error.message);
    process.exitCode = 1;
  } else throw error;
} finally {
  await stack?.stop();
}
