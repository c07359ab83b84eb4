/**
 * `npm run bench:close -- --partners 100000 --orders 100000`
 *
 * The monthly close end to end on the local stack: a generated company of
 * that size and that many orders in a past month, then the period-close
 * state machine (lock, snapshot from DynamoDB Local, compute, write results
 * through the Map, publish) started through the Step Functions API, timed
 * from start to "calculated", with the time of each step.
 */
import { parseArgs } from 'node:util';
import { randomUUID } from 'node:crypto';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { DEFAULT_SETTINGS } from '../shared/src/company.js';
import { generateCompany } from '../shared/src/demo/company.js';
import { Random } from '../shared/src/demo/random.js';
import { weeklyPeriodOf } from '../shared/src/periods.js';
import { stateMachineArnEnv } from '../functions/src/wiring.js';
import { planSeedItems } from '../functions/src/demo/seed.js';
import { periodFor, getPeriod } from '../functions/src/commissions/periods.js';
import { bulkPut } from '../functions/src/lib/bulk.js';
import { memberItem } from '../functions/src/members/repository.js';
import { volumeEventItem } from '../functions/src/orders/repository.js';
import { freePorts } from '../infra/src/local/config.js';
import { startLocalStack } from '../infra/src/local/stack.js';
import { putBenchCompany } from './bench/company.js';

const { values } = parseArgs({
  options: { partners: { type: 'string', default: '100000' }, orders: { type: 'string', default: '100000' } },
});
const partnerCount = Number(values.partners);
const orderCount = Number(values.orders);
const MONTH = '2026-10';
const TZ = DEFAULT_SETTINGS.timeZone;

const ports = await freePorts();
const stack = await startLocalStack({ config: { dataDir: null, ports }, http: false, jobs: false });
try {
  console.log(
    `setting up ${partnerCount.toLocaleString('en-US')} partners and ${orderCount.toLocaleString('en-US')} orders in ${MONTH}…`,
  );
  const setupStarted = Date.now();
  await putBenchCompany();
  await bulkPut(planSeedItems(new Date().toISOString()));
  const company = generateCompany({ partners: partnerCount, now: new Date('2026-11-01T00:00:00Z') });
  const buyers = company.members.filter((m) => m.kind !== 'staff' && m.status !== 'canceled');
  const random = new Random(11);
  const start = Date.parse('2026-10-01T06:00:00Z');
  const span = Date.parse('2026-11-01T05:00:00Z') - start;
  await bulkPut(
    (function* () {
      for (const member of company.members) if (member.kind !== 'staff') yield memberItem(member);
      for (let i = 0; i < orderCount; i++) {
        const buyer = random.pick(buyers);
        const at = new Date(start + Math.floor(random.next() * span));
        const pv = random.int(20, 150);
        yield volumeEventItem({
          orderId: String(500_000 + i),
          seq: 1,
          kind: 'sale',
          buyerId: buyer.id,
          ownerId: buyer.kind === 'partner' ? buyer.id : (buyer.sponsorId ?? buyer.id),
          pv,
          cv: pv * 80,
          firstOrder: random.chance(0.1),
          at: at.toISOString(),
          month: MONTH,
          week: weeklyPeriodOf(at, TZ),
        });
      }
    })(),
    { concurrency: 6 },
  );
  console.log(`set up in ${((Date.now() - setupStarted) / 1000).toFixed(1)} s`);

  await periodFor(MONTH);
  const sfn = new SFNClient({});
  const runId = randomUUID();
  const started = Date.now();
  await sfn.send(
    new StartExecutionCommand({
      stateMachineArn: process.env[stateMachineArnEnv('period-close')]!,
      name: `bench-${runId.slice(0, 8)}`,
      input: JSON.stringify({ periodId: MONTH, runId, action: 'calculate' }),
    }),
  );
  const steps: { step: string; at: number }[] = [];
  for (;;) {
    const period = await getPeriod(MONTH);
    const step = period?.progress?.step ?? 'starting';
    if (steps[steps.length - 1]?.step !== step) {
      steps.push({ step, at: Date.now() });
      console.log(
        `${((Date.now() - started) / 1000).toFixed(1)} s: ${step}${period?.progress?.total ? ` ${period.progress.done}/${period.progress.total}` : ''}`,
      );
    }
    if (period?.state === 'calculated') {
      const seconds = (Date.now() - started) / 1000;
      console.log(`\nmonthly close of ${MONTH} on the local stack (DynamoDB Local in memory, Step Functions stand-in)`);
      console.table([
        {
          partners: period.totals?.partners,
          orders: period.totals?.orders,
          payees: period.totals?.payees,
          lines: period.totals?.lines,
          'unilevel $': ((period.totals?.unilevel ?? 0) / 100).toFixed(2),
          'end to end s': seconds.toFixed(1),
        },
      ]);
      // Each row: the time from one reported step to the next (e.g. locked -> snapshot is reading the snapshot).
      const timings = steps
        .slice(1)
        .map((s, i) => ({ from: steps[i]!.step, to: s.step, seconds: ((s.at - steps[i]!.at) / 1000).toFixed(1) }));
      console.table(timings);
      break;
    }
    if (period?.progress?.step === 'failed') throw new Error(`the close failed: ${period.progress.error}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
} finally {
  await stack.stop();
}
