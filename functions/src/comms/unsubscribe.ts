import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError, NotFoundError } from '@arbor/shared/errors';
import { env } from '../lib/env.js';
import { secretValue } from '../lib/parameters.js';
import { logger } from '../lib/logger.js';
import { getMember, saveMember } from '../members/repository.js';

/**
 * One-click unsubscribe (RFC 8058): every broadcast carries a link signed for
 * its recipient, `?m=<member>&t=<signature>`, in its footer and in its
 * List-Unsubscribe header. The signature is an HMAC of the member ID with a
 * key derived from the link secret (its own: the mail consumer, which signs,
 * never holds the session key), so a link works only for the member it
 * was made for and nobody can make one for another member. It does not
 * expire: an old mail's link must still work.
 */
async function signature(memberId: string): Promise<string> {
  const secret = env.linkSecret() || (await secretValue(env.linkSecretArn(), 15 * 60));
  const key = createHmac('sha256', secret).update('arbor:unsubscribe').digest();
  return createHmac('sha256', key).update(memberId).digest('base64url').slice(0, 32);
}

export async function unsubscribeLinks(memberId: string): Promise<{ page: string; oneClick: string }> {
  const query = `m=${memberId}&t=${await signature(memberId)}`;
  const app = env.appUrl().replace(/\/$/, '');
  return { page: `${app}/unsubscribe?${query}`, oneClick: `${app}/api/unsubscribe?${query}` };
}

/** The same answer for a bad signature and an unknown member: a link says nothing about other members. */
const notOurs = () => new NotFoundError('This unsubscribe link is not valid.', 'invalid_link');

async function memberOfLink(memberId: string, token: string) {
  const expected = Buffer.from(await signature(memberId));
  const given = Buffer.from(token);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw notOurs();
  const member = await getMember(memberId, { consistent: true });
  if (!member) throw notOurs();
  return member;
}

export async function unsubscribeInfo(memberId: string, token: string) {
  const member = await memberOfLink(memberId, token);
  return { firstName: member.firstName, optedOut: member.emailOptOut ?? false };
}

/**
 * Opts the member out of broadcasts, logged on its account. Doing it twice
 * changes nothing; a concurrent edit of the profile is retried.
 */
export async function unsubscribe(memberId: string, token: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const member =
      attempt === 0 ? await memberOfLink(memberId, token) : await getMember(memberId, { consistent: true });
    if (!member) throw notOurs();
    if (member.emailOptOut) return;
    try {
      await saveMember(member, { ...member, emailOptOut: true }, member.version, {
        actorId: member.id,
        action: 'email.opted_out',
        detail: { via: 'unsubscribe link' },
      });
      logger.info('member opted out of broadcasts by its unsubscribe link', { memberId });
      return;
    } catch (error) {
      if (attempt >= 3 || !(error instanceof AppError) || error.code !== 'version_conflict') throw error;
    }
  }
}
