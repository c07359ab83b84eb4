import { describe, expect, it } from 'vitest';
import { computePeriod, PeriodInputError, type MemberInput, type OrderInput } from '../../src/commissions/index.js';

const DEPTH = 200_000;

/** Partner i sponsored and placed by partner i-1, listed deepest first. */
function chainMembers(status: (i: number) => MemberInput['status'] = () => 'active'): MemberInput[] {
  const members: MemberInput[] = [];
  for (let i = DEPTH - 1; i >= 0; i--) {
    const parent = i === 0 ? null : `p${i - 1}`;
    members.push({ id: `p${i}`, kind: 'partner', sponsorId: parent, placementId: parent, status: status(i) });
  }
  return members;
}

function orderPerPartner(firstOrder: boolean): OrderInput[] {
  return Array.from({ length: DEPTH }, (_, i) => ({ id: `o${i}`, buyerId: `p${i}`, pv: 50, cv: 1000, firstOrder }));
}

describe(`a single chain of ${DEPTH} partners`, () => {
  it('rolls up volume and pays unilevel without overflowing the stack', () => {
    const result = computePeriod({
      period: { id: '2026-11', kind: 'monthly' },
      partners: chainMembers(),
      orders: orderPerPartner(false),
    });
    // Everyone: PV 50, one active enrolled -> Partner (depth 1). The root's GV is 200000 * 50.
    const root = [...result.partners].find((p) => p.id === 'p0')!;
    expect(root).toMatchObject({ pv: 50, gv: DEPTH * 50, paidRank: 1 });
    // Each order but the root's pays level 1: cv 1000 * 500 bp = 50.
    expect(result.lines.length).toBe(DEPTH - 1);
    expect(result.totals.unilevel).toBe((DEPTH - 1) * 50);
    // Breakage: levels 2..min(i, 7) of partner i's order, at 50, 50, 50, 50, 40, 30.
    // i = 2..6 -> 50 + 100 + 150 + 200 + 240 = 740; i >= 7 -> 270 each.
    expect(result.breakage).toBe(740 + (DEPTH - 7) * 270);
  });

  it('compresses a chain of inactive partners into one level', () => {
    // Only the root and the deepest partner buy; everyone between has no PV (inactive).
    const orders: OrderInput[] = [
      { id: 'root', buyerId: 'p0', pv: 50, cv: 0, firstOrder: false },
      { id: 'deep', buyerId: `p${DEPTH - 1}`, pv: 50, cv: 1000, firstOrder: false },
    ];
    const result = computePeriod({ period: { id: '2026-11', kind: 'monthly' }, partners: chainMembers(), orders });
    const [line] = [...result.lines];
    expect(result.lines.length).toBe(1);
    expect(line).toMatchObject({ recipientId: 'p0', level: 1, amount: 50 });
    expect(line!.compressedIds.length).toBe(DEPTH - 2);
    expect(line!.compressedIds[0]).toBe(`p${DEPTH - 2}`);
    expect(line!.compressedIds.at(-1)).toBe('p1');
  });

  it('pays fast start two sponsors up in a weekly period', () => {
    const result = computePeriod({
      period: { id: '2026-W47', kind: 'weekly' },
      partners: chainMembers(),
      orders: orderPerPartner(true),
    });
    // Level 1: 1000 * 2000 bp = 200 for every order but the root's; level 2: 50 for all but two.
    expect(result.lines.length).toBe(DEPTH - 1 + DEPTH - 2);
    expect(result.totals.fastStart).toBe((DEPTH - 1) * 200 + (DEPTH - 2) * 50);
  });

  it('finds a cycle through the whole chain, naming its member listed first', () => {
    // The root p0 (listed last) is made to be sponsored by the deepest partner (listed first).
    const members = chainMembers();
    members[DEPTH - 1] = { ...members[DEPTH - 1]!, sponsorId: `p${DEPTH - 1}` };
    const refused = () => computePeriod({ period: { id: '2026-11', kind: 'monthly' }, partners: members, orders: [] });
    const last = DEPTH - 1;
    expect(refused).toThrow(PeriodInputError);
    expect(refused).toThrow(
      `partners[0] (id "p${last}"): sponsorId "p${last - 1}" closes a cycle in the sponsor tree ` +
        `(p${last} -> p${last - 1} -> p${last - 2} -> p${last - 3} -> p${last - 4} -> p${last - 5} -> ...)`,
    );
  });
});
