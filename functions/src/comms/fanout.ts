import type { Context, SQSRecord } from 'aws-lambda';
import { z } from 'zod';
import { countInto, emptyCounts, resolveAudience } from '@arbor/shared/comms/audience';
import { messageJson, sqsConsumer } from '../lib/batch.js';
import { sendMessages } from '../lib/queues.js';
import { logger } from '../lib/logger.js';
import { getMember } from '../members/repository.js';
import { AUDIENCE_PAGE, readAudiencePage } from './audience.js';
import { kickFanout } from './broadcasts.js';
import { mailSettings } from './settings.js';
import { chunkSize } from './pacing.js';
import type { BroadcastRecord, ChunkMessage, FanoutState } from './records.js';
import {
  advanceFanout,
  finishIfDone,
  getBroadcast,
  moveBroadcast,
  savePendingPage,
  type Counters,
} from './repository.js';

const FanoutMessage = z.object({ broadcastId: z.string().min(1), continuation: z.boolean().optional() });

/** A fan-out that has not advanced for this long is taken over by a kick from the per-minute job. */
export const STALE_FANOUT_MS = 3 * 60_000;

/**
 * The fan-out (broadcasts queue): reads a broadcast's audience page by page
 * and puts its recipients on the email queue in chunks, each page saved in
 * conditional steps (fanOutPage), so:
 * - a worker killed midway is taken over and goes on from its saved state;
 *   a page it had read is queued again from its pending copy, with the same
 *   numbers and members (the email consumer counts a chunk once and sends
 *   each member's mail once), so nobody gets two mails;
 * - two copies of the fan-out cannot both advance: the second one's save
 *   fails its condition and it stops.
 * A fan-out that runs low on time asks for its own continuation.
 */
export const handler = sqsConsumer('broadcasts', async (record: SQSRecord, context?: Context) => {
  const parsed = FanoutMessage.safeParse(messageJson(record));
  if (!parsed.success) {
    logger.error('dropping malformed fan-out message', { messageId: record.messageId });
    return;
  }
  await fanOut(parsed.data.broadcastId, parsed.data.continuation ?? false, context);
});

/** `pageSize`: audience entries read per page (tests use small pages to make many). */
export async function fanOut(
  id: string,
  continuation: boolean,
  context?: Context,
  pageSize = AUDIENCE_PAGE,
): Promise<void> {
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
  } else if (
    broadcast.status === 'resolving' &&
    !continuation &&
    (broadcast.fanout.step > 0 || broadcast.fanout.pending)
  ) {
    // A kick for a fan-out under way: only a stalled one (its worker gone) is taken over. One that has not
    // read a page yet (a send due now) is started by any kick; two at once are safe (each page is conditional).
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
      pageSize,
    );
    if (done === 'lost') return; // another copy advanced it
    state = done.state;
    if (done.finished) break;
  }
  await finishResolving(broadcast, state);
}

type PageOutcome = 'lost' | { state: FanoutState; finished: boolean };

/**
 * One page of the fan-out, in three steps that make a crash anywhere harmless:
 * 1. the page is read and what it yields (its recipients, exclusions, where
 *    the next page starts, the chunk size) is saved on the broadcast as the
 *    pending page, conditionally on the step;
 * 2. its chunks are queued, numbered from the chunks queued so far;
 * 3. the position moves on and the page's counts are added, conditionally on
 *    the step, and the pending page is dropped.
 * A worker that dies after step 1 or 2 is replayed from the pending page, not
 * from a new read, so the replay queues exactly the same chunks (same numbers,
 * same members, even if members opted out or the rate changed meanwhile), and
 * a chunk's count (once per number) always matches what was queued.
 */
async function fanOutPage(
  broadcast: BroadcastRecord,
  sender: { id: string; sponsorId: string | null } | null,
  audience: ReturnType<typeof resolveAudience>,
  state: FanoutState,
  size: number,
  pageSize: number,
): Promise<PageOutcome> {
  let pending = state.pending;
  if (!pending) {
    const page = sender
      ? await readAudiencePage(sender, audience, { segment: state.segment, cursor: state.cursor }, pageSize)
      : { items: [], next: null };
    const counts = emptyCounts();
    const memberIds: string[] = [];
    for (const member of page.items) {
      countInto(counts, member.mail);
      if (member.mail === 'ok') memberIds.push(member.memberId);
    }
    const { optedOut, bounced, noEmail } = counts.excluded;
    pending = {
      memberIds,
      excluded: { optedOut, excludedBounced: bounced, noEmail },
      next: page.next,
      chunkSize: size,
    };
    if (!(await savePendingPage(broadcast.id, state.step, pending))) return 'lost';
  }

  const finished = pending.next === null;
  const chunks: ChunkMessage[] = [];
  for (let start = 0; start < pending.memberIds.length; start += pending.chunkSize) {
    chunks.push({
      type: 'broadcastChunk',
      broadcastId: broadcast.id,
      chunk: state.chunk + chunks.length,
      memberIds: pending.memberIds.slice(start, start + pending.chunkSize),
    });
  }
  if (finished && broadcast.extraRecipient) {
    chunks.push({
      type: 'broadcastChunk',
      broadcastId: broadcast.id,
      chunk: state.chunk + chunks.length,
      memberIds: [],
      extra: true,
    });
  }
  await sendMessages('email', chunks);

  const extra = finished && broadcast.extraRecipient ? 1 : 0;
  const counts: Partial<Counters> = {
    ...pending.excluded,
    recipients: pending.memberIds.length + extra,
    queued: pending.memberIds.length + extra,
  };
  const next: FanoutState = {
    segment: pending.next?.segment ?? -1,
    cursor: pending.next?.cursor ?? null,
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
