import { describe, expect, it } from 'vitest';
import { toPeriodOutput, writePeriodOutput, type PeriodOutput } from '../../src/commissions/index.js';
import { compute, monthly, partner, weekly } from './builders.js';

describe('period output (the contract shape)', () => {
  it('writes partners, lines, breakage and totals exactly as the contract shows', () => {
    const input = monthly(
      [partner('1000'), partner('1001', '1000')],
      [
        { id: 'o-0', buyerId: '1000', pv: 50, cv: 0, firstOrder: false },
        { id: 'o-1', buyerId: '1001', pv: 100, cv: 8000, firstOrder: false },
      ],
    );
    const output = toPeriodOutput(compute(input));
    output.partners.sort((a, b) => a.id.localeCompare(b.id));
    expect(output).toEqual<PeriodOutput>({
      period: '2026-11',
      partners: [
        { id: '1000', pv: 50, gv: 150, active: true, paidRank: 1, highestRank: 1 },
        { id: '1001', pv: 100, gv: 100, active: true, paidRank: 1, highestRank: 1 },
      ],
      // 8000 * 500 bp = 400
      lines: [
        {
          recipientId: '1000',
          bonus: 'unilevel',
          amount: 400,
          sourceOrderId: 'o-1',
          sourcePartnerId: '1001',
          level: 1,
          rateBp: 500,
        },
      ],
      breakage: 0,
      totals: { unilevel: 400, fastStart: 0, rankAdvancement: 0 },
    });
  });

  it('writes rank advancement lines with rank, no source order, level 0 and rate 0', () => {
    const plan = {
      activePv: 0,
      unilevelRatesBp: [],
      fastStartRatesBp: [],
      ranks: [
        { rank: 1, name: 'One', pv: 0, gv: 0, activeEnrolled: 0, unilevelDepth: 0, advancementBonus: 0 },
        { rank: 2, name: 'Two', pv: 10, gv: 0, activeEnrolled: 0, unilevelDepth: 0, advancementBonus: 700 },
      ],
    };
    const input = monthly([partner('7')], [{ id: 'o', buyerId: '7', pv: 10, cv: 0, firstOrder: false }], plan);
    expect(toPeriodOutput(compute(input)).lines).toEqual([
      {
        recipientId: '7',
        bonus: 'rankAdvancement',
        amount: 700,
        sourceOrderId: null,
        sourcePartnerId: '7',
        level: 0,
        rateBp: 0,
        rank: 2,
      },
    ]);
  });

  it('writes no partners for a weekly period', () => {
    const output = toPeriodOutput(compute(weekly([partner('1')], [])));
    expect(output).toEqual({
      period: '2026-W47',
      partners: [],
      lines: [],
      breakage: 0,
      totals: { unilevel: 0, fastStart: 0, rankAdvancement: 0 },
    });
  });

  it('escapes ids JSON needs escaped and keeps any Unicode', () => {
    const ids = ['say "hi"', 'back\\slash', 'tab\there', 'José', '名前', '🌳'];
    const members = ids.map((id, i) => partner(id, i === 0 ? null : ids[i - 1]!));
    const orders = ids.map((id, i) => ({ id: `order ${id}`, buyerId: id, pv: 50, cv: 1000 * i, firstOrder: false }));
    const output = toPeriodOutput(compute(monthly(members, orders)));
    expect(output.partners.map((p) => p.id).sort()).toEqual([...ids].sort());
    expect(output.lines.map((l) => [l.recipientId, l.sourcePartnerId, l.sourceOrderId])).toContainEqual([
      '名前',
      '🌳',
      'order 🌳',
    ]);
  });

  it('gives the same bytes whatever the chunk size', () => {
    const members = ['a', 'b', 'c', 'd'].map((id, i, all) => partner(id, i === 0 ? null : all[i - 1]!));
    const orders = members.map((m, i) => ({ id: `o${i}`, buyerId: m.id, pv: 60, cv: 12345, firstOrder: false }));
    const result = compute(monthly(members, orders));
    const collect = (chunkBytes: number) => {
      const parts: number[] = [];
      let chunks = 0;
      writePeriodOutput(
        result,
        (chunk) => {
          chunks += 1;
          parts.push(...chunk);
        },
        chunkBytes,
      );
      return { text: new TextDecoder().decode(new Uint8Array(parts)), chunks };
    };
    const whole = collect(1 << 20);
    const small = collect(32);
    expect(whole.chunks).toBe(1);
    expect(small.chunks).toBeGreaterThan(10);
    expect(small.text).toBe(whole.text);
    expect(JSON.parse(whole.text)).toEqual(toPeriodOutput(result));
  });
});
