/**
 * `npm run bench:autoship -- --due 20000 [--workers 2]`
 *
 * Sets up N members with saved cards and smart orders due on one night (2 %
 * with cards that decline), runs the nightly job to queue them, and consumes
 * the queue with worker processes running the real consumer. Midway one
 * worker is killed (SIGKILL) and a new one started: its in-flight messages
 * come back after the visibility timeout and are processed again. Prints
 * throughput, p95 per autoship, and the count of double charges (must be 0).
 */
import { parseArgs } from 'node:util';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../shared/src/keys.js';
import type { Member } from '../shared/src/members/model.js';
import { handler as enqueue } from '../functions/src/autoship/enqueue.js';
import { autoshipItem } from '../functions/src/autoship/repository.js';
import { seedShop } from '../functions/src/demo/seed.js';
import { db } from '../functions/src/lib/aws.js';
import { bulkPut } from '../functions/src/lib/bulk.js';
import { env } from '../functions/src/lib/env.js';
import { memberItem } from '../functions/src/members/repository.js';
import { freePorts } from '../infra/src/local/config.js';
import { startLocalStack } from '../infra/src/local/stack.js';
import { percentile } from './bench/http.js';
import { workerPool } from './bench/workers.js';
import { putBenchCompany } from './bench/company.js';

const { values } = parseArgs({
  options: { due: { type: 'string', default: '20000' }, workers: { type: 'string', default: '2' } },
});
const due = Number(values.due);
const workerCount = Number(values.workers);
const NIGHT = '2030-01-15';
const address = { line1: '1 Congress Ave', city: 'Austin', region: 'TX', postalCode: '78701', country: 'US' };

const ports = await freePorts();
const stack = await startLocalStack({ config: { dataDir: null, ports }, http: false, jobs: false });
const durations: number[] = [];
let handled = 0;
// A killed worker's batch comes back after 10 s; a run it held waits out its lease (120 s, autoship/consume.ts), so
// a failed message stays away 40 s (Lambda: the queue's 360 s) and is not out of its 5 receives before then.
const pool = workerPool('autoship', { BENCH_VISIBILITY: '10', BENCH_RETRY_VISIBILITY: '40' }, (report) => {
  for (let i = 0; i < report.batch; i++) durations.push(report.ms);
  handled += report.ok;
});
try {
  console.log(`setting up ${due.toLocaleString('en-US')} smart orders due on ${NIGHT}…`);
  await putBenchCompany();
  await seedShop();
  const setupStarted = Date.now();
  await bulkPut(
    (function* () {
      for (let i = 0; i < due; i++) {
        const id = String(200_000 + i);
        const member: Member = {
          id,
          kind: 'partner',
          role: 'partner',
          level: 'partner',
          status: 'active',
          firstName: 'Bench',
          lastName: `Member${i}`,
          displayName: `Bench Member${i}`,
          username: `bench.${i}`,
          email: `bench.${i}@example.com`,
          market: 'US',
          language: 'en',
          sponsorId: null,
          placementId: null,
          sponsorPath: [],
          placementPath: [],
          indexedPath: [],
          enrolledAt: '2029-01-01T00:00:00.000Z',
          firstPaidAt: '2029-01-02T00:00:00.000Z',
          paidRank: 1,
          highestRank: 1,
          address,
          version: 1,
        };
        const declines = i % 50 === 0;
        yield memberItem(member);
        yield {
          ...keys.gatewayToken(`tok_bench_${id}`),
          entity: 'gatewayToken',
          brand: 'visa',
          last4: declines ? '0002' : '4242',
          expMonth: 12,
          expYear: 2035,
          behaviour: declines ? 'card_declined' : 'approve',
        };
        yield {
          ...keys.paymentMethod(id, `card-${id}`),
          entity: 'paymentMethod',
          id: `card-${id}`,
          memberId: id,
          token: `tok_bench_${id}`,
          brand: 'visa',
          last4: '4242',
          expMonth: 12,
          expYear: 2035,
          holder: 'Bench',
          createdAt: '2029-01-01T00:00:00.000Z',
        };
        yield autoshipItem({
          id: `00000000-0000-4000-9000-${id.padStart(12, '0')}`,
          memberId: id,
          status: 'active',
          items: [
            { sku: 'VIT-DAILY', quantity: 1 },
            { sku: 'GREENS', quantity: 1 },
          ],
          dayOfMonth: 15,
          paymentMethodId: `card-${id}`,
          shippingAddress: address,
          nextRunDate: NIGHT,
          retry: null,
          lastRun: null,
          createdAt: '2029-01-01T00:00:00.000Z',
          updatedAt: '2029-01-01T00:00:00.000Z',
          version: 1,
        });
      }
    })(),
  );
  console.log(`set up in ${((Date.now() - setupStarted) / 1000).toFixed(1)} s`);

  const started = Date.now();
  const queued = await enqueue({ date: NIGHT });
  console.log(
    `queued ${queued.enqueued.toLocaleString('en-US')} in ${((Date.now() - started) / 1000).toFixed(1)} s; consuming with ${workerCount} workers`,
  );
  const victims = Array.from({ length: workerCount }, () => pool.start());
  const queue = stack.queues.get('autoship')!;
  let killed = false;
  let lastLog = 0;
  for (;;) {
    const counts = queue.counts();
    if (!killed && handled >= due * 0.4) {
      killed = true;
      console.log(`killing a worker (SIGKILL) at ${handled.toLocaleString('en-US')} handled; starting a new one`);
      victims[0]!.kill('SIGKILL');
      pool.start();
    }
    if (Date.now() - lastLog > 5000) {
      lastLog = Date.now();
      console.log(
        `handled ${handled.toLocaleString('en-US')}/${due.toLocaleString('en-US')} (${((Date.now() - started) / 1000).toFixed(0)} s)`,
      );
    }
    if (counts.total === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const seconds = (Date.now() - started) / 1000;

  // Every approved charge, by smart order and night: more than one is a double charge.
  const approved = new Map<string, number>();
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db().send(
      new ScanCommand({
        TableName: env.tableName(),
        FilterExpression: 'begins_with(PK, :p) AND #r.#s = :approved',
        ExpressionAttributeNames: { '#r': 'result', '#s': 'status' },
        ExpressionAttributeValues: { ':p': 'GATEWAY#CHARGE#autoship:', ':approved': 'approved' },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) {
      const [, id, night] = String(item.PK).replace('GATEWAY#CHARGE#', '').split(':');
      const run = `${id}:${night}`;
      approved.set(run, (approved.get(run) ?? 0) + 1);
    }
    start = page.LastEvaluatedKey;
  } while (start);
  const doubleCharges = [...approved.values()].filter((n) => n > 1).length;

  console.log(
    `\nautoship night on the local stack: ${due.toLocaleString('en-US')} due, ${workerCount} consumer processes, one killed midway`,
  );
  console.table([
    {
      due,
      'approved runs': approved.size,
      'seconds (queue to drained)': seconds.toFixed(1),
      'autoships / s': (due / seconds).toFixed(1),
      'p50 ms / autoship': percentile(durations, 50).toFixed(0),
      'p95 ms / autoship': percentile(durations, 95).toFixed(0),
      'double charges': doubleCharges,
    },
  ]);
} finally {
  pool.stopAll();
  await stack.stop();
}
