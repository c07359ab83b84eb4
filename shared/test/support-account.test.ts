import { describe, expect, it } from 'vitest';
import {
  AccountActionBody,
  AddCallBody,
  callMatches,
  fold,
  mergeNewestFirst,
  RecentCallsQuery,
  TimelineQuery,
} from '../src/support/account.js';

describe('the support console’s account rules', () => {
  it('merges newest-first lists into one, newest first, at most limit, ties in list order', () => {
    const log = [
      { at: '2026-12-01T10:00:00Z', id: 'log2' },
      { at: '2026-11-30T09:00:00Z', id: 'log1' },
    ];
    const calls = [
      { at: '2026-12-01T10:00:00Z', id: 'call2' },
      { at: '2026-12-01T08:00:00Z', id: 'call1' },
    ];
    const signIns = [{ at: '2026-12-02T07:00:00Z', id: 'in1' }];
    expect(mergeNewestFirst([log, calls, signIns], 4).map((e) => e.id)).toEqual(['in1', 'log2', 'call2', 'call1']);
    expect(mergeNewestFirst([[], []], 5)).toEqual([]);
  });

  it('finds notes by every word asked for, accents and case ignored', () => {
    const note = { topic: 'Smart order', text: 'José asked to move the date' };
    expect(fold('JOSÉ Ñandú')).toBe('jose nandu');
    expect(callMatches(note, 'jose')).toBe(true);
    expect(callMatches(note, 'SMART date')).toBe(true);
    expect(callMatches(note, 'smart refund')).toBe(false);
    expect(callMatches(note, undefined)).toBe(true);
  });

  it('validates a note, an action and the lists’ filters, naming the field', () => {
    const note = { channel: 'call', topic: 'Login', outcome: 'resolved', text: 'ok', idempotencyKey: 'key-12345' };
    expect(AddCallBody.safeParse(note).success).toBe(true);
    const badChannel = AddCallBody.safeParse({ ...note, channel: 'fax' });
    expect(badChannel.error?.issues[0]?.path).toEqual(['channel']);
    expect(AddCallBody.safeParse({ ...note, idempotencyKey: 'short' }).success).toBe(false);
    expect(AddCallBody.safeParse({ ...note, extra: 1 }).success).toBe(false);
    expect(AccountActionBody.safeParse({ reason: 'no', idempotencyKey: 'key-12345' }).error?.issues[0]?.path).toEqual([
      'reason',
    ]);
    expect(RecentCallsQuery.safeParse({ from: '2026-12-05', to: '2026-12-01' }).error?.issues[0]?.path).toEqual([
      'from',
    ]);
    expect(TimelineQuery.safeParse({ kinds: 'log,hack' }).success).toBe(false);
    expect(TimelineQuery.safeParse({ before: 'yesterday' }).error?.issues[0]?.path).toEqual(['before']);
  });
});
