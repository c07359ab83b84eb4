import { ConflictError } from '@arbor/shared/errors';
import type { Member } from '@arbor/shared/members/model';
import type { AddCallBody, CallNote, RecentCallsQuery } from '@arbor/shared/support/account';
import { createHash } from 'node:crypto';
import type { Principal } from '../lib/http.js';
import { getMember, memberLogWrite } from '../members/repository.js';
import { getCallNote, insertCallNote, listCallsOfMonth } from './repository/calls.js';

/**
 * The call log (docs/support.md): notes staff write about a member's call, email or chat,
 * each also in the member's log (so its timeline shows it) in the same transaction.
 */

/** The same agent, member and request key always name the same note: a repeat writes nothing new. */
const noteId = (agentId: string, memberId: string, key: string) =>
  `cn_${createHash('sha256').update(`${agentId}:${memberId}:${key}`).digest('base64url').slice(0, 22)}`;

const sameNote = (note: CallNote, body: AddCallBody) =>
  note.channel === body.channel &&
  note.topic === body.topic &&
  note.outcome === body.outcome &&
  note.text === body.text;

const keyReused = () =>
  new ConflictError(
    'That idempotencyKey was already used for another note; send a new one.',
    'idempotency_key_reused',
    [{ field: 'body.idempotencyKey', rule: 'reused', message: 'body.idempotencyKey: was used for another note' }],
  );

export async function addCallNote(principal: Principal, member: Member, body: AddCallBody): Promise<CallNote> {
  const id = noteId(principal.memberId, member.id, body.idempotencyKey);
  const existing = await getCallNote(id);
  if (existing) {
    if (!sameNote(existing, body)) throw keyReused();
    return existing;
  }
  const author = await getMember(principal.memberId);
  const note: CallNote = {
    id,
    memberId: member.id,
    channel: body.channel,
    topic: body.topic,
    outcome: body.outcome,
    text: body.text,
    authorId: principal.memberId,
    authorName: author?.displayName ?? principal.memberId,
    at: new Date().toISOString(),
  };
  const outcome = await insertCallNote(note, [
    memberLogWrite(member.id, {
      at: note.at,
      actorId: principal.memberId,
      action: 'support.call_logged',
      detail: { noteId: id, channel: note.channel, topic: note.topic, outcome: note.outcome },
    }),
  ]);
  if (outcome === 'exists') {
    const first = (await getCallNote(id))!;
    if (!sameNote(first, body)) throw keyReused();
    return first;
  }
  return note;
}

/** The company's call log of one month (UTC): the month of `to`, else this one; `from` within it. */
export async function recentCalls(query: RecentCallsQuery) {
  const to = query.to ?? new Date().toISOString().slice(0, 10);
  const month = to.slice(0, 7);
  const from = query.from && query.from.slice(0, 7) === month ? query.from : `${month}-01`;
  return listCallsOfMonth(
    month,
    { from, to },
    { words: query.q, channel: query.channel, agent: query.agent },
    query.limit,
    query.cursor,
  );
}
