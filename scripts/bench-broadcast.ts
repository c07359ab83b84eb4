/**
 * `npm run bench:broadcast -- --partners 100000 [--workers 2] [--enqueue-only]`
 *
 * One partner emails its whole placement downline of N partners (a tree 10
 * wide, so a few levels deep; 1 % opted out and 1 % bounced, so excluded).
 * The send runs as the API runs it (sendBroadcast), the fan-out as the
 * broadcasts queue's consumer runs it (in this process, as the local stack
 * does); it prints the time from send to every recipient's chunk on the email
 * queue. Then worker processes running the real email consumer drain the
 * email queue; at 40 % one is killed (SIGKILL) and a new one started: its
 * in-flight chunks come back after a short visibility timeout and go on
 * where they stopped (after its mail in progress waits out its lease). Prints the time from send to every mail handed to SES,
 * mails per second, and the duplicates: addresses the SES stand-in received
 * more than one mail for (must be 0), counted from what SES received.
 * Before the send it times the preview (counting the whole audience and
 * rendering the mail, as the compose page asks for it). `--enqueue-only`
 * stops after the fan-out.
 */
import { parseArgs } from 'node:util';
import { takesOwnText, type EmailTemplate, type SendBroadcastBody } from '../shared/src/comms/model.js';
import { downlineEntries } from '../shared/src/genealogy/paths.js';
import type { Member } from '../shared/src/members/model.js';
import { sendBroadcast } from '../functions/src/comms/broadcasts.js';
import { previewBroadcast } from '../functions/src/comms/preview.js';
import { handler as fanoutHandler } from '../functions/src/comms/fanout.js';
import { getBroadcast, putMailSettings, templateItem } from '../functions/src/comms/repository.js';
import { downlineItem } from '../functions/src/genealogy/repository.js';
import { bulkPut } from '../functions/src/lib/bulk.js';
import { memberItem } from '../functions/src/members/repository.js';
import { queueConsumers } from '../functions/src/wiring.js';
import { freePorts } from '../infra/src/local/config.js';
import { startLocalStack } from '../infra/src/local/stack.js';
import { workerPool } from './bench/workers.js';
import { putBenchCompany } from './bench/company.js';

const { values } = parseArgs({
  options: {
    partners: { type: 'string', default: '10000' },
    workers: { type: 'string', default: '2' },
    'enqueue-only': { type: 'boolean', default: false },
  },
});
const partners = Number(values.partners);
const workerCount = Number(values.workers);
/** The schema's highest SES rate: pacing then never holds a worker back, so the figures are the pipeline's own. */
const SES_RATE = 500;
const WIDTH = 10;
const SENDER = 300_000;
const fmt = (n: number) => n.toLocaleString('en-US');
const seconds = (from: number, to = Date.now()) => (to - from) / 1000;

/** Member k of the tree (0: the sender); k's placement parent is (k - 1) / WIDTH. */
const idOf = (k: number) => String(SENDER + k);
function pathOf(k: number): string[] {
  const path: string[] = [];
  for (let p = k; p > 0;) {
    p = Math.floor((p - 1) / WIDTH);
    path.unshift(idOf(p));
  }
  return path;
}
const optedOut = (k: number) => k % 100 === 7;
const bounced = (k: number) => k % 100 === 57;

function memberOf(k: number): Member {
  const path = pathOf(k);
  const parent = path.at(-1) ?? null;
  const spanish = k % 10 === 3;
  return {
    id: idOf(k),
    kind: 'partner',
    role: 'partner',
    level: 'partner',
    status: 'active',
    firstName: spanish ? 'Lucía' : 'Bench',
    lastName: `Member${k}`,
    displayName: `${spanish ? 'Lucía' : 'Bench'} Member${k}`,
    username: `bench.${k}`,
    email: `bench.${k}@example.com`,
    market: spanish ? 'MX' : 'US',
    language: spanish ? 'es' : 'en',
    sponsorId: parent,
    placementId: parent,
    sponsorPath: path,
    placementPath: path,
    // The genealogy stream (when it runs) finds the index already written for this path.
    indexedPath: path,
    enrolledAt: '2029-01-01T00:00:00.000Z',
    firstPaidAt: '2029-01-02T00:00:00.000Z',
    paidRank: 1,
    highestRank: 1,
    ...(optedOut(k) ? { emailOptOut: true } : {}),
    ...(bounced(k) ? { emailSuppressed: 'bounce' as const } : {}),
    version: 1,
  };
}

/**
 * Every mail the SES stand-in has received, by address, read as it comes
 * (GET /store?since=<second>). Its store only grows, in the order mails
 * arrive, each with the second it arrived, so a read from the newest second
 * seen returns the mails of that second already counted first, then the new
 * ones. Mails are told apart by that position, not by their id: the
 * stand-in's ids are 9 random digits, and 100,000 mails share a few.
 */
function sesCounter(port: number) {
  const perAddress = new Map<string, number>();
  let mails = 0;
  let since = 0;
  /** Mails counted whose second is `since`: the first ones the next read returns. */
  let countedAtSince = 0;
  return {
    perAddress,
    mails: () => mails,
    async poll(): Promise<void> {
      const response = await fetch(`http://127.0.0.1:${port}/store?since=${since}`);
      const { emails } = (await response.json()) as { emails: { destination: { to: string[] }; at: number }[] };
      if (emails.length === 0) return;
      for (const [i, mail] of emails.entries()) {
        if (mail.at < since || (i > 0 && mail.at < emails[i - 1]!.at)) throw new Error('SES store out of order');
        if (i < countedAtSince) continue;
        mails++;
        for (const to of mail.destination.to) perAddress.set(to, (perAddress.get(to) ?? 0) + 1);
      }
      const newest = emails.at(-1)?.at ?? since;
      countedAtSince = emails.filter((mail) => mail.at === newest).length;
      since = newest;
    },
  };
}

const ports = await freePorts();
const stack = await startLocalStack({ config: { dataDir: null, ports }, http: false, jobs: false });
/**
 * A received batch stays hidden 60 s (it takes well under that; the queue's own is 720 s), so the killed worker's
 * chunks come back a minute later. A mail it was sending holds its lease (5 minutes, email/consume.ts) until then:
 * its chunk fails and comes back every 130 s (Lambda: the queue's visibility), within the queue's 5 receives.
 */
const pool = workerPool('email', { BENCH_VISIBILITY: '60', BENCH_RETRY_VISIBILITY: '130' }, () => undefined);
try {
  console.log(`setting up a partner with ${fmt(partners)} partners below it (${WIDTH} wide)…`);
  const setupStarted = Date.now();
  await putBenchCompany();
  await putMailSettings(
    { postalAddress: '100 Congress Ave, Austin, TX 78701, USA', sesRatePerSecond: SES_RATE, partnerDailyBroadcasts: 3 },
    'bench',
  );
  const content = {
    en: { subject: 'A word from {{senderName}}', body: 'Hello {{firstName}},\n\n{{message}}\n\nSee {{siteLink}}' },
    es: { subject: 'Un mensaje de {{senderName}}', body: 'Hola {{firstName}},\n\n{{message}}\n\nVe {{siteLink}}' },
  };
  const template: EmailTemplate = {
    id: 'tpl_benchtemplat',
    name: 'Bench news',
    use: 'partners',
    active: true,
    content,
    ownText: takesOwnText(content),
    createdAt: '2029-01-01T00:00:00.000Z',
    updatedAt: '2029-01-01T00:00:00.000Z',
    updatedBy: idOf(0),
    version: 1,
  };
  let excluded = 0;
  const written = await bulkPut(
    (function* () {
      yield templateItem(template);
      for (let k = 0; k <= partners; k++) {
        const member = memberOf(k);
        if (k > 0 && (optedOut(k) || bounced(k))) excluded++;
        yield memberItem(member);
        for (const { uplineId, level } of downlineEntries(member)) yield downlineItem(uplineId, level, member);
      }
    })(),
  );
  const expected = partners - excluded;
  console.log(
    `set up ${fmt(written)} items in ${seconds(setupStarted).toFixed(1)} s; ${fmt(expected)} recipients, ${fmt(excluded)} excluded; SES rate ${SES_RATE}/s`,
  );

  // The broadcasts queue's consumer, as the local stack runs it (functions/src/wiring.ts).
  const fanoutQueue = stack.queues.get('broadcasts')!;
  const fanoutWiring = queueConsumers.find((c) => c.queue === 'broadcasts')!;
  fanoutQueue.startConsumer(fanoutHandler, {
    functionName: 'broadcasts',
    batchSize: fanoutWiring.batchSize,
    concurrency: fanoutWiring.concurrency,
    timeoutMs: fanoutWiring.timeoutSeconds * 1000,
  });
  const body: SendBroadcastBody = {
    idempotencyKey: 'bench-broadcast-1',
    templateId: template.id,
    subject: 'News for {{firstName}}',
    message: 'Our {{rank}} call is on Monday at 7 pm. Bring a friend! — {{senderName}}',
    audience: { scope: 'placement' },
  };
  const principal = {
    memberId: idOf(0),
    role: 'partner' as const,
    sessionId: 'bench',
    family: 'bench',
    readOnly: false,
  };

  const previewStarted = Date.now();
  const preview = await previewBroadcast(principal, body, 'partner');
  console.log(
    `preview counted ${fmt(preview.counts.recipients)} recipients (${fmt(preview.counts.excluded.optedOut)} opted out, ${fmt(preview.counts.excluded.bounced)} bounced) and rendered ${preview.mails.length} languages in ${seconds(previewStarted).toFixed(1)} s`,
  );

  const ses = sesCounter(ports.ses);
  await fetch(`http://127.0.0.1:${ports.ses}/clear-store`, { method: 'POST' });
  const started = Date.now();
  const view = await sendBroadcast(principal, body, 'partner');
  const sendMs = Date.now() - started;
  let broadcast = (await getBroadcast(view.id, { consistent: true }))!;
  while (broadcast.status === 'scheduled' || broadcast.status === 'resolving') {
    await new Promise((resolve) => setTimeout(resolve, 100));
    broadcast = (await getBroadcast(view.id, { consistent: true }))!;
  }
  const enqueuedAt = Date.now();
  await fanoutQueue.stopConsumer();
  const enqueueSeconds = seconds(started, enqueuedAt);
  const emailQueue = stack.queues.get('email')!;
  console.log(
    `send answered in ${sendMs} ms; ${fmt(broadcast.counts.queued)} recipients in ${fmt(broadcast.fanout.chunk)} chunks on the email queue ${enqueueSeconds.toFixed(1)} s after send (${fmt(Math.round(broadcast.counts.queued / enqueueSeconds))} recipients/s)`,
  );

  if (values['enqueue-only']) {
    await stack.stop();
    process.exit(0);
  }

  console.log(`consuming with ${workerCount} workers`);
  const consumeStarted = Date.now();
  const victims = Array.from({ length: workerCount }, () => pool.start());
  let killed = false;
  let allHandedAt: number | null = null;
  let lastLog = 0;
  /** The longest time no new mail reached SES (the killed worker's mail waiting out its lease). */
  let longestWait = 0;
  let lastMail = { at: consumeStarted, count: 0 };
  for (;;) {
    await ses.poll();
    const mails = ses.mails();
    if (mails > lastMail.count) {
      longestWait = Math.max(longestWait, Date.now() - lastMail.at);
      lastMail = { at: Date.now(), count: mails };
    }
    if (allHandedAt === null && ses.perAddress.size >= expected) allHandedAt = Date.now();
    if (!killed && mails >= expected * 0.4) {
      killed = true;
      console.log(`killing a worker (SIGKILL) at ${fmt(mails)} mails; starting a new one`);
      victims[0]!.kill('SIGKILL');
      pool.start();
    }
    if (Date.now() - lastLog > 5000) {
      lastLog = Date.now();
      const counts = emailQueue.counts();
      console.log(
        `SES has ${fmt(mails)}/${fmt(expected)} mails; email queue ${counts.visible} visible, ${counts.inFlight} in flight (${seconds(started).toFixed(0)} s)`,
      );
    }
    if (emailQueue.counts().total === 0) {
      broadcast = (await getBroadcast(view.id, { consistent: true }))!;
      if (broadcast.status === 'sent') break;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const drainedAt = Date.now();
  pool.stopAll();
  await ses.poll();
  allHandedAt ??= drainedAt;

  const duplicates = [...ses.perAddress.values()].filter((n) => n > 1).length;
  const missing = expected - ses.perAddress.size;
  const c = broadcast.counts;
  console.log(
    `\nbroadcast on the local stack: ${fmt(partners)} partners below the sender, ${workerCount} email consumer processes, one killed midway`,
  );
  console.table([
    {
      recipients: c.recipients,
      'excluded (opted out / bounced)': `${c.optedOut} / ${c.excludedBounced}`,
      queued: c.queued,
      sent: c.sent,
      suppressed: c.suppressed,
      failed: c.failed,
      status: broadcast.status,
    },
  ]);
  console.table([
    {
      's send to all enqueued': enqueueSeconds.toFixed(1),
      'recipients / s enqueued': Math.round(c.queued / enqueueSeconds),
      's send to all mails at SES': seconds(started, allHandedAt).toFixed(1),
      's longest wait for a mail': (longestWait / 1000).toFixed(0),
      'mails / s (consumers, without that wait)': Math.round(
        ses.mails() / (seconds(consumeStarted, allHandedAt) - longestWait / 1000),
      ),
      'mails SES received': ses.mails(),
      'addresses with more than one mail': duplicates,
      'recipients without a mail': missing,
      'chunks in the DLQ': stack.queues.get('email-dlq')!.counts().total,
    },
  ]);
} finally {
  pool.stopAll();
  await stack.stop();
}
