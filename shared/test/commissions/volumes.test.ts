import { describe, expect, it } from 'vitest';
import { compute, customer, monthly, order, partner, partnerOf } from './builders.js';

describe('volumes', () => {
  // Placement tree:  A ── B ── D
  //                   └── C
  const tree = [partner('A'), partner('B', 'A'), partner('C', 'A'), partner('D', 'B')];

  it('sums PV per owner and rolls GV up the placement tree', () => {
    const result = compute(
      monthly(tree, [order('A', 10, 0), order('B', 20, 0), order('C', 30, 0), order('D', 40, 0), order('D', 5, 0)]),
    );
    // PV: A 10, B 20, C 30, D 40 + 5 = 45.
    // GV: D 45; B 20 + 45 = 65; C 30; A 10 + 65 + 30 = 105.
    expect(partnerOf(result, 'D')).toMatchObject({ pv: 45, gv: 45 });
    expect(partnerOf(result, 'B')).toMatchObject({ pv: 20, gv: 65 });
    expect(partnerOf(result, 'C')).toMatchObject({ pv: 30, gv: 30 });
    expect(partnerOf(result, 'A')).toMatchObject({ pv: 10, gv: 105 });
  });

  it("counts a customer's orders as its sponsor's PV and lists only partners", () => {
    const result = compute(monthly([...tree, customer('K', 'D')], [order('K', 60, 4800), order('D', 10, 800)]));
    // D owns K's 60 and its own 10: PV 70; GV rolls up to B (70) and A (70).
    expect(partnerOf(result, 'D')).toMatchObject({ pv: 70, gv: 70 });
    expect(partnerOf(result, 'A')).toMatchObject({ pv: 0, gv: 70 });
    expect([...result.partners].map((p) => p.id).sort()).toEqual(['A', 'B', 'C', 'D']);
  });

  it('counts first orders in PV', () => {
    const result = compute(monthly([partner('A')], [order('A', 80, 6400, true)]));
    expect(partnerOf(result, 'A').pv).toBe(80);
  });

  it('is active with status active and PV >= activePv (50)', () => {
    const members = [
      partner('at50'),
      partner('at49'),
      partner('inactive', null, { status: 'inactive' }),
      partner('canceled', null, { status: 'canceled' }),
    ];
    const orders = [order('at50', 50, 0), order('at49', 49, 0), order('inactive', 500, 0), order('canceled', 500, 0)];
    const result = compute(monthly(members, orders));
    expect(partnerOf(result, 'at50').active).toBe(true);
    expect(partnerOf(result, 'at49').active).toBe(false);
    expect(partnerOf(result, 'inactive').active).toBe(false);
    expect(partnerOf(result, 'canceled').active).toBe(false);
  });

  it('does not depend on the order records come in', () => {
    const forward = compute(monthly(tree, [order('D', 100, 0)]));
    const backward = compute(monthly([...tree].reverse(), [order('D', 100, 0)]));
    const sorted = (r: typeof forward) => [...r.partners].sort((a, b) => a.id.localeCompare(b.id));
    expect(sorted(backward)).toEqual(sorted(forward));
  });
});
