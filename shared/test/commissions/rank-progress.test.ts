import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAN, rankProgress, type PartnerRankMetrics } from '../../src/commissions/index.js';
import { compute, monthly, order, partner } from './builders.js';

const bronze: PartnerRankMetrics = {
  status: 'active',
  pv: 80,
  activeEnrolled: 2,
  legs: [
    { gv: 900, legRank: 3 },
    { gv: 150, legRank: 1 },
    { gv: 100, legRank: 2 },
  ],
  paidRank: 2,
  highestRank: 2,
};

describe('rank progress', () => {
  it('lists what is missing for the next rank and every rank above it', () => {
    const [silver, gold, platinum, diamond, ...rest] = rankProgress(bronze, DEFAULT_PLAN);
    expect(rest).toEqual([]);
    // Silver: leg cap floor(1000 * 60 / 100) = 600; cappedGV = 80 + 600 + 150 + 100 = 930.
    expect(silver).toEqual({
      rank: 3,
      name: 'Silver',
      qualified: false,
      status: { required: 'active', actual: 'active', met: true },
      pv: { required: 100, actual: 80, missing: 20, met: false },
      gv: { required: 1000, actual: 930, missing: 70, met: false, legCap: 600 },
      activeEnrolled: { required: 3, actual: 2, missing: 1, met: false },
      legs: null,
    });
    // Gold: cap 1800 leaves every leg whole: 80 + 900 + 150 + 100 = 1230; one leg at rank >= 3.
    expect(gold).toMatchObject({
      rank: 4,
      gv: { required: 3000, actual: 1230, missing: 1770, legCap: 1800 },
      activeEnrolled: { missing: 2 },
      legs: { required: 1, actual: 1, missing: 0, met: true, minRank: 3 },
    });
    // Platinum: cap floor(10000 * 50 / 100) = 5000; 2 legs at rank >= 4 wanted, none.
    expect(platinum).toMatchObject({
      rank: 5,
      gv: { actual: 1230, missing: 8770, legCap: 5000 },
      legs: { required: 2, actual: 0, missing: 2, met: false, minRank: 4 },
    });
    // Diamond: cap floor(30000 * 40 / 100) = 12000; 3 legs at rank >= 5 wanted.
    expect(diamond).toMatchObject({ rank: 6, gv: { missing: 28770, legCap: 12000 }, legs: { missing: 3 } });
  });

  it('reports the status requirement unmet for a partner that is not active', () => {
    const [silver] = rankProgress({ ...bronze, status: 'canceled' }, DEFAULT_PLAN);
    expect(silver!.status).toEqual({ required: 'active', actual: 'canceled', met: false });
    expect(silver!.qualified).toBe(false);
  });

  it('says qualified when every requirement is met', () => {
    const [next] = rankProgress(
      { ...bronze, pv: 100, activeEnrolled: 3, legs: [{ gv: 900, legRank: 1 }] },
      DEFAULT_PLAN,
    );
    // cappedGV = 100 + min(900, 600) = 700 < 1000: still 300 short.
    expect(next).toMatchObject({ rank: 3, qualified: false, gv: { missing: 300 } });
    const [met] = rankProgress(
      { ...bronze, pv: 400, activeEnrolled: 3, legs: [{ gv: 900, legRank: 1 }] },
      DEFAULT_PLAN,
    );
    expect(met).toMatchObject({ rank: 3, qualified: true, gv: { actual: 1000, missing: 0, met: true } });
  });

  it('is empty at the top rank', () => {
    expect(rankProgress({ ...bronze, paidRank: 6 }, DEFAULT_PLAN)).toEqual([]);
  });

  it("reads the engine's leg detail with the engine's own rules", () => {
    // P: PV 100 with legs L1 (GV 900), L2 (200), L3 (99). Silver cappedGV 100 + 600 + 200 + 99 = 999.
    const members = [partner('P'), partner('L1', 'P'), partner('L2', 'P'), partner('L3', 'P')];
    const orders = [order('P', 100, 0), order('L1', 900, 0), order('L2', 200, 0), order('L3', 99, 0)];
    const result = compute(monthly(members, orders), { withLegDetail: true });
    const metrics = result.legDetail!.metricsOf('P')!;
    expect(metrics).toEqual({
      status: 'active',
      pv: 100,
      activeEnrolled: 3,
      legs: [
        { partnerId: 'L1', gv: 900, legRank: 1 },
        { partnerId: 'L2', gv: 200, legRank: 1 },
        { partnerId: 'L3', gv: 99, legRank: 1 },
      ],
      paidRank: 2,
      highestRank: 2,
    });
    const [silver] = rankProgress(metrics, DEFAULT_PLAN);
    expect(silver).toMatchObject({ rank: 3, qualified: false, gv: { actual: 999, missing: 1 } });
    expect(result.legDetail!.metricsOf('nobody')).toBeUndefined();
  });

  it('is not kept unless asked for', () => {
    expect(compute(monthly([partner('P')], [])).legDetail).toBeNull();
  });
});
