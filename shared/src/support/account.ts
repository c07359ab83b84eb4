import { z } from 'zod';
import { IsoDateTime } from '../api/endpoint.js';
import { MemberId } from '../members/model.js';
import { PageQuery } from '../paging.js';

/**
 * The member's account in the support console (docs/support.md): the call log, the account
 * actions support takes for a member, the timeline and the read-only view of its portal.
 */

/** Why staff do something to a member's account: it goes into the member's log. */
export const Reason = z.string().trim().min(3, 'say why, for the member log').max(500);

/** The same request sent again (a double click, a retry, ten tabs) is done once: one key per request. */
export const RequestKey = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8 to 64 letters, digits, - or _ (one per request)');

// ---- call log -------------------------------------------------------------------------------

export const CALL_CHANNELS = ['call', 'email', 'chat'] as const;
export const CallChannel = z.enum(CALL_CHANNELS);
export type CallChannel = z.infer<typeof CallChannel>;

export const CALL_OUTCOMES = ['resolved', 'follow_up', 'escalated', 'no_answer', 'info'] as const;
export const CallOutcome = z.enum(CALL_OUTCOMES);
export type CallOutcome = z.infer<typeof CallOutcome>;

export const CallTopic = z.string().trim().min(2, 'name the topic').max(80);

export const AddCallBody = z
  .object({
    channel: CallChannel,
    topic: CallTopic,
    outcome: CallOutcome,
    text: z.string().trim().min(1, 'write what was said').max(4000),
    idempotencyKey: RequestKey,
  })
  .strict();
export type AddCallBody = z.infer<typeof AddCallBody>;

/** One note of the call log: who talked with the member, how, about what, and how it ended. */
export const CallNote = z.object({
  id: z.string(),
  memberId: MemberId,
  channel: CallChannel,
  topic: z.string(),
  outcome: CallOutcome,
  text: z.string(),
  /** The staff member who wrote it. */
  authorId: z.string(),
  authorName: z.string(),
  at: IsoDateTime,
});
export type CallNote = z.infer<typeof CallNote>;

/** Filters of a member's call log: words in the text or topic, a channel, a topic. */
export const MemberCallsQuery = PageQuery.extend({
  q: z.string().trim().max(100).optional(),
  channel: CallChannel.optional(),
  topic: z.string().trim().max(80).optional(),
});
export type MemberCallsQuery = z.infer<typeof MemberCallsQuery>;

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date, YYYY-MM-DD');

/** The company's recent call log: one month at a time (the month of `to`, or this one), newest first. */
export const RecentCallsQuery = PageQuery.extend({
  q: z.string().trim().max(100).optional(),
  channel: CallChannel.optional(),
  agent: MemberId.optional(),
  from: Day.optional(),
  to: Day.optional(),
}).refine((query) => !query.from || !query.to || query.from <= query.to, {
  message: 'must not be after to',
  path: ['from'],
});
export type RecentCallsQuery = z.infer<typeof RecentCallsQuery>;

/** Whether a note matches the words asked for (accents and case ignored), in its text or topic. */
export function callMatches(note: Pick<CallNote, 'text' | 'topic'>, words: string | undefined): boolean {
  if (!words) return true;
  const hay = fold(`${note.topic} ${note.text}`);
  return fold(words)
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => hay.includes(word));
}

/** Lower case without accents: "José" and "jose" are the same word to a search. */
export const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

// ---- account actions ------------------------------------------------------------------------

/**
 * What support may do to a member's account without ever seeing or setting its password: mail
 * it a reset link, lift a lockout, end its sessions everywhere, mail the welcome again.
 */
export const ACCOUNT_ACTIONS = ['password-reset', 'unlock', 'end-sessions', 'resend-welcome'] as const;
export const AccountAction = z.enum(ACCOUNT_ACTIONS);
export type AccountAction = z.infer<typeof AccountAction>;

export const AccountActionParams = z.object({ id: MemberId, action: AccountAction });

export const AccountActionBody = z.object({ reason: Reason, idempotencyKey: RequestKey }).strict();

export const AccountActionResult = z.object({
  action: AccountAction,
  /** What it did: a mail queued, a lock lifted (false: there was none), sessions ended. */
  mailed: z.boolean(),
  wasLocked: z.boolean().nullable(),
  sessionsEnded: z.number().int().nullable(),
});
export type AccountActionResult = z.infer<typeof AccountActionResult>;

/** The member log's action for each account action. */
export const ACCOUNT_ACTION_LOG: Record<AccountAction, string> = {
  'password-reset': 'support.password_reset_sent',
  unlock: 'support.unlocked',
  'end-sessions': 'support.sessions_ended',
  'resend-welcome': 'support.welcome_resent',
};

// ---- timeline -------------------------------------------------------------------------------

/** One event of the member's timeline: a log entry, a call note or a sign-in, newest first. */
export const TimelineEvent = z.object({
  kind: z.enum(['log', 'call', 'sign_in']),
  at: IsoDateTime,
  /** Who acted: a staff member, the member itself, or `system`. */
  actorId: z.string().nullable(),
  /** The log action (`status.changed`), the call's channel, or the sign-in's outcome. */
  action: z.string(),
  summary: z.string().nullable(),
  reason: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()).nullable(),
});
export type TimelineEvent = z.infer<typeof TimelineEvent>;

export const TimelineQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Events older than this (the `at` of the last event of the page before). */
  before: z.iso.datetime({ offset: true, error: 'must be a date and time, e.g. 2026-12-01T10:00:00Z' }).optional(),
  kinds: z
    .string()
    .regex(/^(log|call|sign_in)(,(log|call|sign_in))*$/, 'must be a list of log, call, sign_in')
    .optional(),
});
export type TimelineQuery = z.infer<typeof TimelineQuery>;

/**
 * Merges lists that are each newest first into one newest-first list of at most `limit`
 * (ties keep the order of the lists given).
 */
export function mergeNewestFirst<T extends { at: string }>(lists: readonly (readonly T[])[], limit: number): T[] {
  const all = lists.flatMap((list, n) => list.map((item, i) => ({ item, n, i })));
  all.sort((a, b) => (a.item.at === b.item.at ? a.n - b.n || a.i - b.i : a.item.at < b.item.at ? 1 : -1));
  return all.slice(0, limit).map((entry) => entry.item);
}

// ---- viewing the member's portal ------------------------------------------------------------

/** How long support may view a member's portal before the view ends by itself. */
export const VIEW_MINUTES = 30;

export const StartViewBody = z.object({ reason: Reason }).strict();

export const ViewStarted = z.object({ viewId: z.string(), memberId: MemberId, expiresAt: IsoDateTime });

/** One view of a member's portal by staff, with the requests made under it. */
export const PortalView = z.object({
  viewId: z.string(),
  memberId: MemberId,
  staffId: z.string(),
  reason: z.string(),
  startedAt: IsoDateTime,
  expiresAt: IsoDateTime,
  endedAt: IsoDateTime.nullable(),
  requests: z.array(
    z.object({ at: IsoDateTime, method: z.string(), route: z.string(), path: z.string(), refused: z.boolean() }),
  ),
});
export type PortalView = z.infer<typeof PortalView>;
