/**
 * Rank names come from the plan in force, which a warm function reads at most
 * once a minute (commissions/rank-names.ts through lib/parameters.ts).
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { keys } from '@arbor/shared/keys';
import { DEFAULT_PLAN } from '@arbor/shared/commissions/plan';
import type { Member } from '@arbor/shared/members/model';
import { defaultPlanRecord } from '../../src/commissions/plans.js';
import { planItem } from '../../src/commissions/repository/plans.js';
import { Client } from '../support/api.js';
import { createTestMember, putItem, TEST_PASSWORD } from '../support/members.js';

/** Stores a plan whose rank 1 is called `firstRank` and makes it the active one. */
async function activatePlanNaming(id: string, firstRank: string) {
  const ranks = DEFAULT_PLAN.ranks.map((r) => (r.rank === 1 ? { ...r, name: firstRank } : r));
  await putItem(planItem({ ...defaultPlanRecord(new Date().toISOString()), id, document: { ...DEFAULT_PLAN, ranks } }));
  await putItem({ ...keys.activePlan(), entity: 'activePlan', planId: id, at: new Date().toISOString() });
}

let client: Client;
const myRankName = async () =>
  (await client.get<{ member: { rankName: string } }>('/api/auth/me')).body.member.rankName;

beforeAll(async () => {
  await activatePlanNaming('named-associate', 'Associate');
  const member: Member = await createTestMember({ paidRank: 1 });
  client = new Client();
  await client.signIn(member.username, TEST_PASSWORD);
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('rank names', () => {
  it('are the active plan’s, kept for a minute after they were read', async () => {
    expect(await myRankName()).toBe('Associate');

    await activatePlanNaming('named-member', 'Member');
    // Within the minute the function answers from what it read.
    expect(await myRankName()).toBe('Associate');

    const inTwoMinutes = Date.now() + 2 * 60_000;
    vi.spyOn(Date, 'now').mockReturnValue(inTwoMinutes);
    expect(await myRankName()).toBe('Member');
  });
});
