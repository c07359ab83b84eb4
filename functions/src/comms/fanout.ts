import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Context, SQSRecord } from 'aws-lambda';
import { z } from 'zod';
import { resolveAudience, type Mailability } from '@arbor/shared/comms/audience';
import { messageJson, sqsConsumer } from '../lib/batch.js';
import { requireEnv } from '../lib/env.js';
import { logger } from '../lib/logger.js';
import { getMember } from '../members/repository.js';
import { readAudiencePage } from './audience.js';
import { kickFanout, mailSettings } from './broadcasts.js';
import { chunkSize } from './pacing.js';
import type { BroadcastRecord, ChunkMessage, FanoutState } from './records.js';
import { advanceFanout, finishIfDone, getBroadcast, moveBroadcast, type Counters } from './repository.js';

const FanoutMessage = z.object({ broadcastId: z.string().min(1), continuation: z.boolean().optional() });

/** Audience entries read per request. */
const PAGE = 2000;
/** A fan-out that has not advanced for this long is taken over by a kick from the per-minute job. */
export const STALE_FANOUT_MS = 3 * 60_000;

let sqs: SQSClient | undefined;

async function enqueueChunks(chunks: ChunkMessage[]): Promise<void> {
  sqs ??= new SQSClient({});
  const queueUrl = requireEnv('EMAIL_QUEUE_URL');
  for (let start = 0; start < chunks.length; start += 10) {
    const batch = chunks.slice(start, start + 10);
    const result = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: batch.map((chunk, i) => ({ Id: String(i), MessageBody: JSON.stringify(chunk) })),
      }),
    );
    if (result.Failed?.length) throw new Error(`${result.Failed.length} broadcast chunks could not be queued`);
  }
}

const EXCLUDED: Record<Exclude<Mailability, 'ok'>, keyof Counters> = {
  optedOut: 'optedOut',
  bounced: 'excludedBounced',
  none: 'noEmail',
};

/**
 * The fan-out (broadcasts queue): reads a broadcast's audience page by page
 * and puts its recipients on the email queue in chunks. After each page the
 * position, the chunk count and the page's counts are saved on the broadcast
 * in one conditional write, so:
 * - a worker killed midway is redelivered and goes on from the last saved
 *   page; the page it was on is read again and its chunks queued again with
 *   the same numbers and members (the email consumer counts a chunk once and
 *   sends each member's mail once), so nobody gets two mails;
 * - two copies of the fan-out cannot both advance: the second one's save
 *   fails its condition and it stops.
 * A fan-out that runs low on time saves and asks for its own continuation.
 */
export const handler = sqsConsumer('broadcasts', async (record: SQSRecord, context?: Context) => {
  const parsed = FanoutMessage.safeParse(messageJson(record));
  if (!parsed.success) {
    logger.error('dropping malformed fan-out message', { messageId: record.messageId });
    return;
  }
  await fanOut(parsed.data.broadcastId, parsed.data.continuation ?? false, context);
});

export async function fanOut(id: string, continuation: boolean, context?: Context): Promise<void> {
  const started = Date.now();
  // Tests and CLIs may call without a real context: then the function's own timeout (300 s) counts from the start.
  const timeLeft = () =>
    typeof context?.getRemainingTimeInMillis === 'function'
      ? context.getRemainingTimeInMillis()
      : 300_000 - (Date.now() - started);
  let broadcast = await getBroadcast(id, { consistent: true });
  if (!broadcast) return;
  const now = new Date();
  if (broadcast.status === 'scheduled') {
    if (Date.parse(broadcast.sendAt) > now.getTime()) return; // not yet: the per-minute job starts it
    await moveBroadcast(id, ['scheduled'], 'resolving', { startedAt: now.toISOString(), fanoutAt: now.toISOString() });
    broadcast = (await getBroadcast(id, { consistent: true }))!;
  } else if (broadcast.status === 'resolving' && !continuation) {
    // A kick for a fan-out under way: only a stalled one (its worker gone) is taken over.
    const lastMove = Date.parse(broadcast.fanoutAt ?? broadcast.startedAt ?? broadcast.sendAt);
    if (now.getTime() - lastMove < STALE_FANOUT_MS) return;
    logger.warn('taking over a stalled fan-out', { broadcastId: id });
  }
  if (broadcast.status !== 'resolving') return;

  const sender = await getMember(broadcast.senderId);
  const settings = await mailSettings();
  const size = chunkSize(settings.sesRatePerSecond);
  const audience = resolveAudience(broadcast.audience);
  let state: FanoutState = broadcast.fanout;

  while (state.segment >= 0) {
    if (timeLeft() < 60_000) {
      await kickFanout(id, true);
      return;
    }
    const done = await fanOutPage(
      broadcast,
      sender ? { id: sender.id, sponsorId: sender.sponsorId } : null,
      audience,
      state,
      size,
    );
    if (done === 'lost') return; // another copy advanced it
    state = done.state;
    if (done.finished) break;
  }
  await finishResolving(broadcast, state);
}

type PageOutcome = 'lost' | { state: FanoutState; finished: boolean };

async function fanOutPage(
  broadcast: BroadcastRecord,
  sender: { id: string; sponsorId: string | null } | null,
  audience: ReturnType<typeof resolveAudience>,
  state: FanoutState,
  size: number,
): Promise<PageOutcome> {
  const page = sender
    ? await readAudiencePage(sender, audience, { segment: state.segment, cursor: state.cursor }, PAGE)
    : { items: [], next: null };
  const counts: Partial<Counters> = {};
  const add = (counter: keyof Counters, n = 1) => (counts[counter] = (counts[counter] ?? 0) + n);
  const recipients: string[] = [];
  for (const member of page.items) {
    if (member.mail === 'ok') recipients.push(member.memberId);
    else add(EXCLUDED[member.mail]);
  }
  const chunks: ChunkMessage[] = [];
  for (let start = 0; start < recipients.length; start += size) {
    chunks.push({
      type: 'broadcastChunk',
      broadcastId: broadcast.id,
      chunk: state.chunk + chunks.length,
      memberIds: recipients.slice(start, start + size),
    });
  }
  const finished = page.next === null;
  if (finished && broadcast.extraRecipient) {
    chunks.push({
      type: 'broadcastChunk',
      broadcastId: broadcast.id,
      chunk: state.chunk + chunks.length,
      memberIds: [],
      extra: true,
    });
  }
  await enqueueChunks(chunks);
  add('recipients', recipients.length + (finished && broadcast.extraRecipient ? 1 : 0));
  add(
    'queued',
    chunks.reduce((sum, chunk) => sum + (chunk.extra ? 1 : chunk.memberIds.length), 0),
  );
  const next: FanoutState = finished
    ? { segment: -1, cursor: null, chunk: state.chunk + chunks.length, step: state.step + 1 }
    : {
        segment: page.next!.segment,
        cursor: page.next!.cursor,
        chunk: state.chunk + chunks.length,
        step: state.step + 1,
      };
  const advanced = await advanceFanout(broadcast.id, state, next, counts);
  return advanced ? { state: next, finished } : 'lost';
}

/** The audience is read and queued: the broadcast is sending, and sent as soon as every chunk is handled. */
async function finishResolving(broadcast: BroadcastRecord, state: FanoutState): Promise<void> {
  const at = new Date().toISOString();
  await moveBroadcast(broadcast.id, ['resolving'], 'sending', { resolvedAt: at });
  await finishIfDone(broadcast.id, at);
  logger.info('broadcast fanned out', { broadcastId: broadcast.id, chunks: state.chunk });
}
