import type { Context } from 'aws-lambda';
import { z } from 'zod';
import { mailabilityOf } from '@arbor/shared/comms/audience';
import type { Member } from '@arbor/shared/members/model';
import { loadRankNames } from '../commissions/rank-names.js';
import { getCompanySettings } from '../company/repository.js';
import { deliverOnce } from '../email/consume.js';
import { logger } from '../lib/logger.js';
import { getMembers } from '../members/repository.js';
import { mailSettings } from './settings.js';
import { pace } from './pacing.js';
import { broadcastMail } from './mail.js';
import type { ChunkMessage } from './records.js';
import { countChunkOnce, finishIfDone, getBroadcast } from './repository.js';
import { unsubscribeLinks } from './unsubscribe.js';

const ChunkMessageSchema = z.object({
  type: z.literal('broadcastChunk'),
  broadcastId: z.string().min(1),
  chunk: z.number().int().min(0),
  memberIds: z.array(z.string().regex(/^\d{1,12}$/)).max(500),
  extra: z.boolean().optional(),
});

export const isBroadcastChunk = (message: unknown): message is ChunkMessage =>
  ChunkMessageSchema.safeParse(message).success;

/** A chunk stops (and comes back later, its sent mails not sent again) when its invocation has less time than this. */
const MIN_TIME_LEFT_MS = 10_000;

/** The id of one recipient's mail of one broadcast: the email consumer sends each id once. */
export const recipientMailId = (broadcastId: string, memberId: string | null) =>
  `${broadcastId}:${memberId ?? 'extra'}`;

/**
 * One chunk of a broadcast's recipients (email queue): each member's profile
 * is read again (whoever opted out, bounced or left since the fan-out is
 * skipped, counted as suppressed), its mail rendered in its language with its
 * own unsubscribe link and headers, and sent once (the mail's id is the
 * broadcast's and the member's, see email/consume.ts). Then the chunk's
 * outcomes are added to the broadcast once (its chunk mark), and the
 * broadcast is marked sent when it was the last one.
 */
export async function deliverChunk(message: ChunkMessage, context?: Context): Promise<void> {
  const broadcast = await getBroadcast(message.broadcastId, { consistent: true });
  if (!broadcast || broadcast.status === 'canceled') return;
  const settings = await mailSettings();
  const companyName = (await getCompanySettings())?.name ?? 'Arbor';
  await loadRankNames();

  const outcomes = { sent: 0, suppressed: 0, failed: 0 };
  const send = async (id: string, to: string, mail: ReturnType<typeof broadcastMail>, oneClick?: string) => {
    if (
      typeof context?.getRemainingTimeInMillis === 'function' &&
      context.getRemainingTimeInMillis() < MIN_TIME_LEFT_MS
    ) {
      throw new Error('the chunk ran out of time; it comes back and goes on where it stopped');
    }
    await pace(settings.sesRatePerSecond);
    try {
      const result = await deliverOnce({
        id,
        to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        kind: 'broadcast',
        ...(oneClick
          ? {
              headers: [
                { name: 'List-Unsubscribe', value: `<${oneClick}>` },
                { name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' },
              ],
            }
          : {}),
        tags: [{ name: 'broadcast', value: broadcast.id }],
      });
      outcomes[result === 'suppressed' ? 'suppressed' : 'sent'] += 1;
    } catch (error) {
      // SES refusing this one address for good: count it failed and go on; anything else brings the chunk back.
      if ((error as { name?: string }).name !== 'MessageRejected') throw error;
      logger.warn('SES rejected a broadcast mail', { broadcastId: broadcast.id, error: (error as Error).message });
      outcomes.failed += 1;
    }
  };

  if (message.extra && broadcast.extraRecipient) {
    const mail = broadcastMail(broadcast, null, broadcast.sender.language, { companyName, settings });
    await send(recipientMailId(broadcast.id, null), broadcast.extraRecipient, mail);
  }
  const members = new Map((await getMembers(message.memberIds)).map((m) => [m.id, m] as const));
  for (const memberId of message.memberIds) {
    const member = members.get(memberId);
    if (!stillReachable(member)) {
      outcomes.suppressed += 1;
      continue;
    }
    const links = await unsubscribeLinks(member.id);
    const mail = broadcastMail(broadcast, member, member.language, {
      companyName,
      settings,
      unsubscribeUrl: links.page,
    });
    await send(recipientMailId(broadcast.id, member.id), member.email, mail, links.oneClick);
  }

  const processed = message.memberIds.length + (message.extra ? 1 : 0);
  await countChunkOnce(broadcast.id, message.chunk, { ...outcomes, processed });
  // Also when the chunk was counted before: a worker may have died between counting it and this.
  await finishIfDone(broadcast.id, new Date().toISOString());
}

/** A member still takes the broadcast: there, not canceled, with an address that is neither opted out nor suppressed. */
const stillReachable = (member: Member | undefined): member is Member =>
  member !== undefined && member.status !== 'canceled' && mailabilityOf(member) === 'ok';
