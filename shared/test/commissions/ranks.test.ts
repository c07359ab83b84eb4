import { describe, expect, it } from 'vitest';
import type { MemberInput, OrderInput } from '../../src/commissions/index.js';
import { compute, customer, linesOf, monthly, order, partner, partnerOf, rankOf } from './builders.js';

/**
 * A Silver under `sponsor`: S with PV 100 and three active recruits of PV 300.
 * Silver: PV 100 >= 100; activeEnrolled 3 >= 3; leg cap floor(1000 * 60 / 100) = 600,
 * so cappedGV = 100 + 300 + 300 + 300 = 1000 >= 1000.
 */
function silverTeam(id: string, sponsor: string | null, lastRecruitPv = 300) {
  const members = [partner(id, sponsor), partner(`${id}-1`, id), partner(`${id}-2`, id), partner(`${id}-3`, id)];
  const orders = [
    order(id, 100, 0),
    order(`${id}-1`, 300, 0),
    order(`${id}-2`, 300, 0),
    order(`${id}-3`, lastRecruitPv, 0),
  ];
  return { members, orders };
}

describe('rank qualification (default plan)', () => {
  describe('Bronze: PV 50, GV 300, 2 active enrolled', () => {
    function bronzeCase({ pv = 50, secondPv = 125, secondStatus = 'active' as MemberInput['status'] } = {}) {
      const members = [partner('P'), partner('R1', 'P'), partner('R2', 'P', { status: secondStatus })];
      // GV = 50 + 125 + 125 = 300 at the defaults.
      return compute(monthly(members, [order('P', pv, 0), order('R1', 125, 0), order('R2', secondPv, 0)]));
    }

    it('qualifies exactly at the thresholds', () => {
      expect(rankOf(bronzeCase(), 'P')).toBe(2);
    });
    it('fails one point of PV short', () => {
      expect(rankOf(bronzeCase({ pv: 49 }), 'P')).toBe(1);
    });
    it('fails one point of GV short (50 + 125 + 124 = 299)', () => {
      expect(rankOf(bronzeCase({ secondPv: 124 }), 'P')).toBe(1);
    });
    it('fails when a recruit is not active (status inactive), even with the GV', () => {
      const result = bronzeCase({ secondStatus: 'inactive' });
      expect(partnerOf(result, 'P').gv).toBe(300);
      expect(rankOf(result, 'P')).toBe(1);
    });
  });

  it('counts active enrolled partners only: not customers, not partners below activePv', () => {
    const members = [
      partner('P'),
      partner('R1', 'P'),
      partner('R2', 'P'),
      customer('K1', 'P'),
      customer('K2', 'P'),
      customer('K3', 'P'),
    ];
    // P's PV comes from its customers: 60 + 60 + 60 = 180. GV = 180 + 250 + 49 = 479.
    const orders = [
      order('K1', 60, 0),
      order('K2', 60, 0),
      order('K3', 60, 0),
      order('R1', 250, 0),
      order('R2', 49, 0),
    ];
    // R2 (49 < 50) is not active, customers never count: activeEnrolled 1 < 2.
    expect(rankOf(compute(monthly(members, orders)), 'P')).toBe(1);
    // One more point makes R2 active: activeEnrolled 2 -> Bronze.
    orders[4] = order('R2', 50, 0);
    expect(rankOf(compute(monthly(members, orders)), 'P')).toBe(2);
  });

  it('counts enrollment by sponsor, not by placement', () => {
    // R1 and R2 are sponsored by P but placed under Q; P's GV then lacks their volume,
    // so give P the GV through its own PV: P PV 300, GV 300.
    const members = [partner('Q'), partner('P', 'Q'), partner('R1', 'P'), partner('R2', 'P')];
    members[2] = { ...members[2]!, placementId: 'Q' };
    members[3] = { ...members[3]!, placementId: 'Q' };
    const orders = [order('Q', 50, 0), order('P', 300, 0), order('R1', 50, 0), order('R2', 50, 0)];
    const result = compute(monthly(members, orders));
    expect(partnerOf(result, 'P')).toMatchObject({ gv: 300, paidRank: 2 });
    // Q has PV 50 and GV 50 + 300 + 50 + 50 = 450, but enrolled only P: activeEnrolled 1, not Bronze.
    expect(partnerOf(result, 'Q')).toMatchObject({ gv: 450, paidRank: 1 });
  });

  describe('Silver: leg cap 60 % of 1000 = 600 per leg', () => {
    function silverCase(legs: [number, number, number]) {
      const members = [partner('P'), partner('L1', 'P'), partner('L2', 'P'), partner('L3', 'P')];
      const orders = [order('P', 100, 0), ...legs.map((pv, i) => order(`L${i + 1}`, pv, 0))];
      return compute(monthly(members, orders));
    }

    it('caps a big leg: 100 + min(900, 600) + 50 + 50 = 800 < 1000, so Bronze only', () => {
      const result = silverCase([900, 50, 50]);
      expect(partnerOf(result, 'P').gv).toBe(1100); // the uncapped GV would be enough
      expect(rankOf(result, 'P')).toBe(2);
    });
    it('qualifies when the other legs make up the rest: 100 + 600 + 150 + 150 = 1000', () => {
      expect(rankOf(silverCase([900, 150, 150]), 'P')).toBe(3);
    });
  });

  describe('Gold: 1 leg with rank >= 3, legs settled before their parent', () => {
    // G (PV 100) has four active recruits of PV 476 and one inactive recruit X with a
    // Silver team placed under X. Leg cap floor(3000 * 60 / 100) = 1800.
    // cappedGV = 100 + X's leg 1000 + 4 * 476 = 3004 >= 3000; activeEnrolled 4 (X is inactive).
    // The Silver sits two levels down: X's leg has legRank 3 only if S is ranked before G.
    function goldCase(lastRecruitPv: number) {
      const team = silverTeam('S', 'X', lastRecruitPv);
      const members: MemberInput[] = [
        partner('G'),
        partner('X', 'G', { status: 'inactive' }),
        ...['R1', 'R2', 'R3', 'R4'].map((id) => partner(id, 'G')),
        ...team.members,
      ];
      const orders: OrderInput[] = [
        order('G', 100, 0),
        ...['R1', 'R2', 'R3', 'R4'].map((id) => order(id, 476, 0)),
        ...team.orders,
      ];
      return compute(monthly(members, orders));
    }

    it('qualifies through a Silver deep in a leg', () => {
      const result = goldCase(300);
      expect(rankOf(result, 'S')).toBe(3);
      expect(rankOf(result, 'X')).toBe(1);
      expect(partnerOf(result, 'G').gv).toBe(3004);
      expect(rankOf(result, 'G')).toBe(4);
      // G advances 1 -> 4: Bronze and Silver pay 0, Gold 10000. S advances 1 -> 3: nothing.
      expect(linesOf(result, 'rankAdvancement').map((l) => [l.recipientId, l.rank, l.amount])).toEqual([
        ['G', 4, 10000],
      ]);
    });

    it('falls to Silver when that leg tops out at Bronze (the volume alone still suffices)', () => {
      // S's last recruit at 299: S's cappedGV 999 < 1000, so S is Bronze; G's cappedGV is 3003.
      const result = goldCase(299);
      expect(rankOf(result, 'S')).toBe(2);
      expect(rankOf(result, 'G')).toBe(3);
    });
  });

  it('gives a canceled partner the lowest rank and never makes it active', () => {
    const team = silverTeam('S', null);
    team.members[0] = { ...team.members[0]!, status: 'canceled' };
    const result = compute(monthly(team.members, team.orders));
    expect(partnerOf(result, 'S')).toMatchObject({ pv: 100, gv: 1000, active: false, paidRank: 1 });
  });

  it('keeps highestRank at the maximum of the rank held before and the paid rank', () => {
    const members = [partner('A', null, { highestRank: 4 }), partner('B')];
    const result = compute(monthly(members, [order('A', 100, 0)]));
    expect(partnerOf(result, 'A')).toMatchObject({ paidRank: 1, highestRank: 4 });
    expect(partnerOf(result, 'B')).toMatchObject({ paidRank: 1, highestRank: 1 });
    const silver = silverTeam('S', null);
    expect(partnerOf(compute(monthly(silver.members, silver.orders)), 'S')).toMatchObject({
      paidRank: 3,
      highestRank: 3,
    });
  });
});
