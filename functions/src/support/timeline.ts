import type { Member } from '@arbor/shared/members/model';
import { mergeNewestFirst, type TimelineEvent, type TimelineQuery } from '@arbor/shared/support/account';
import { loginsBefore } from '../auth/repository/login-history.js';
import type { Principal } from '../lib/http.js';
import { appendMemberLog, memberLogBefore } from '../members/repository.js';
import { latestMemberCalls } from './repository/calls.js';

/**
 * The member's timeline: its log (every staff action is there, with who and why), its call
 * notes and its sign-ins, merged newest first. A page reads at most `limit` of each and keeps
 * the newest `limit`; the next page asks for events before the last one shown.
 */
export async function memberTimeline(principal: Principal, member: Member, query: TimelineQuery) {
  const kinds = new Set((query.kinds ?? 'log,call,sign_in').split(','));
  const { limit, before } = query;
  const [log, calls, logins] = await Promise.all([
    kinds.has('log') ? memberLogBefore(member.id, limit, before) : Promise.resolve([]),
    kinds.has('call') ? latestMemberCalls(member.id, limit, before) : Promise.resolve([]),
    kinds.has('sign_in') ? loginsBefore(member.id, limit, before) : Promise.resolve([]),
  ]);
  const events: TimelineEvent[][] = [
    log
      // A call note is in the log too (so the log alone tells every staff action); here the note itself shows.
      .filter((entry) => entry.action !== 'support.call_logged' || !kinds.has('call'))
      .map((entry) => ({
        kind: 'log' as const,
        at: entry.at,
        actorId: entry.actorId,
        action: entry.action,
        summary: null,
        reason: entry.reason ?? null,
        detail: entry.detail ?? null,
      })),
    calls.map((note) => ({
      kind: 'call' as const,
      at: note.at,
      actorId: note.authorId,
      action: note.channel,
      summary: `${note.topic}: ${note.text}`.slice(0, 300),
      reason: null,
      detail: { noteId: note.id, topic: note.topic, outcome: note.outcome, authorName: note.authorName },
    })),
    logins.map((login) => ({
      kind: 'sign_in' as const,
      at: login.at,
      actorId: member.id,
      action: login.outcome,
      summary: login.location ? `${login.ip} · ${login.location}` : login.ip,
      reason: null,
      detail: { ip: login.ip, userAgent: login.userAgent, location: login.location },
    })),
  ];
  const items = mergeNewestFirst(events, limit);
  // Sign-ins (addresses, devices) are sensitive: reading them is logged, as on the sign-in history.
  if (logins.length > 0 && items.some((item) => item.kind === 'sign_in')) {
    await appendMemberLog(member.id, {
      actorId: principal.memberId,
      action: 'support.viewed',
      detail: { fields: ['signInHistory'], view: 'timeline' },
    });
  }
  const more = log.length === limit || calls.length === limit || logins.length === limit;
  return { items, before: more && items.length > 0 ? items.at(-1)!.at : null };
}
