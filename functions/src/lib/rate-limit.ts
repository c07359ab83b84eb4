import { TooManyRequestsError } from '@arbor/shared/errors';
import { keys } from '@arbor/shared/keys';
import { conditionally, getItem, isConditionFailure, updateItem } from './db.js';
import { hashToken } from './ids.js';

export interface RateLimit {
  /** Part of the counter's key; never reused for another limit. */
  name: string;
  /** Requests a subject may make in one window; the next one is a 429. */
  max: number;
  windowSeconds: number;
  /** What was counted, for the message: "Too many <what>." */
  what: string;
}

/**
 * Every rate limit of the API, in one place. Real users never reach them; a
 * script does within seconds. Per-IP limits are generous because a whole
 * office or a recruiting event can share one address. The address is API
 * Gateway's `requestContext.http.sourceIp` (the route's `ip`), never a header
 * the client could set.
 */
export const RATE_LIMITS = {
  /** Failed sign-ins from one address (a success gives its attempt back). Per account: the lockout. */
  signInPerIp: { name: 'SIGNIN_IP', max: 50, windowSeconds: 15 * 60, what: 'failed sign-ins from your network' },
  /** Reset mails asked for one address, whether or not it has an account (so the answer tells nothing). */
  passwordResetPerEmail: {
    name: 'RESET_EMAIL',
    max: 3,
    windowSeconds: 60 * 60,
    what: 'password reset requests for this email',
  },
  passwordResetPerIp: {
    name: 'RESET_IP',
    max: 20,
    windowSeconds: 60 * 60,
    what: 'password reset requests from your network',
  },
  /** Public enrollments (and their document uploads) from one address. */
  joinPerIp: { name: 'JOIN_IP', max: 30, windowSeconds: 60 * 60, what: 'sign-ups from your network' },
  joinUploadPerIp: { name: 'JOIN_UPLOAD_IP', max: 60, windowSeconds: 60 * 60, what: 'uploads from your network' },
  /** The public contact form of the join sites: per network, and per address written from. */
  contactPerIp: { name: 'CONTACT_IP', max: 10, windowSeconds: 60 * 60, what: 'messages from your network' },
  contactPerEmail: { name: 'CONTACT_EMAIL', max: 5, windowSeconds: 60 * 60, what: 'messages from this email' },
  /** Gift-card balance lookups: codes must not be guessable by trying. */
  giftCardPerMember: { name: 'GIFTCARD_MEMBER', max: 10, windowSeconds: 15 * 60, what: 'gift card lookups' },
  giftCardPerIp: { name: 'GIFTCARD_IP', max: 30, windowSeconds: 15 * 60, what: 'gift card lookups from your network' },
  /** Calls with one API key (a server, not a person: generous, but a runaway loop stops here). */
  apiKey: { name: 'APIKEY', max: 600, windowSeconds: 60, what: 'requests with this API key' },
} as const satisfies Record<string, RateLimit>;

/** Emails and login names are hashed in keys; addresses and member IDs are kept readable. */
export const hashedSubject = (value: string) => hashToken(value.trim().toLowerCase());

/** A counted request, so a caller can give it back (a successful sign-in is not a failure). */
export interface RateTicket {
  limit: RateLimit;
  subject: string;
  /** The end of the window it was counted in (epoch seconds): a give-back touches only that window. */
  windowEnd: number;
}

const retryMessage = (limit: RateLimit, seconds: number) => {
  const when =
    seconds < 90
      ? `${seconds} seconds`
      : `${Math.ceil(seconds / 60)} minute${Math.ceil(seconds / 60) === 1 ? '' : 's'}`;
  return `Too many ${limit.what}. Try again in ${when}.`;
};

/**
 * Counts one request of `subject` against `limit`. A window starts with the
 * subject's first counted request and lasts `windowSeconds` (no clock-aligned
 * boundary where a burst could get twice the limit through). Each step is one
 * conditional UpdateItem, so parallel requests never get more than `max`
 * through: count in the running window (below the limit), else start a new
 * window if the last one ended, else (a new window was just started by a
 * parallel request) count in that one, else answer 429 with the window's end
 * as Retry-After. The counter expires by TTL.
 */
export async function takeRateLimit(limit: RateLimit, subject: string, now = new Date()): Promise<RateTicket> {
  const nowEpoch = Math.floor(now.getTime() / 1000);
  const key = keys.rateLimit(limit.name, subject);
  const countInWindow = () =>
    updateItem({
      Key: key,
      UpdateExpression: 'ADD #hits :one',
      ConditionExpression: '#end > :now AND #hits < :max',
      ExpressionAttributeNames: { '#hits': 'hits', '#end': 'windowEnd' },
      ExpressionAttributeValues: { ':one': 1, ':now': nowEpoch, ':max': limit.max },
      ReturnValues: 'ALL_NEW',
    });
  const startWindow = () =>
    updateItem({
      Key: key,
      UpdateExpression: 'SET #hits = :one, #end = :end, expiresAtEpoch = :expires, entity = :entity',
      ConditionExpression: 'attribute_not_exists(#end) OR #end <= :now',
      ExpressionAttributeNames: { '#hits': 'hits', '#end': 'windowEnd' },
      ExpressionAttributeValues: {
        ':one': 1,
        ':now': nowEpoch,
        ':end': nowEpoch + limit.windowSeconds,
        ':expires': nowEpoch + limit.windowSeconds + 60,
        ':entity': 'rateLimit',
      },
      ReturnValues: 'ALL_NEW',
    });
  for (const step of [countInWindow, startWindow, countInWindow]) {
    try {
      const counted = await step();
      return { limit, subject, windowEnd: counted.Attributes!.windowEnd as number };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }
  const current = await getItem(key, { ConsistentRead: true });
  const retryAfter = Math.max(1, ((current?.windowEnd as number | undefined) ?? nowEpoch + 1) - nowEpoch);
  throw new TooManyRequestsError(retryMessage(limit, retryAfter), retryAfter);
}

/** Takes every limit in order; the first one exceeded answers. */
export async function takeRateLimits(
  checks: readonly (readonly [RateLimit, string])[],
  now = new Date(),
): Promise<RateTicket[]> {
  const tickets: RateTicket[] = [];
  for (const [limit, subject] of checks) tickets.push(await takeRateLimit(limit, subject, now));
  return tickets;
}

/** Gives a counted request back (never below zero, and only in the window it was counted in). */
export async function giveBack(ticket: RateTicket): Promise<void> {
  await conditionally(
    updateItem({
      Key: keys.rateLimit(ticket.limit.name, ticket.subject),
      UpdateExpression: 'ADD #hits :minus',
      ConditionExpression: '#hits > :zero AND #end = :end',
      ExpressionAttributeNames: { '#hits': 'hits', '#end': 'windowEnd' },
      ExpressionAttributeValues: { ':minus': -1, ':zero': 0, ':end': ticket.windowEnd },
    }),
  );
}
