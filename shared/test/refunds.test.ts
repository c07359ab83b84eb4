import { describe, expect, it } from 'vitest';
import type { Tender } from '../src/orders/model.js';
import { allocateRefund, applyRefund, captured, refundable, refundableTotal } from '../src/orders/refunds.js';
import { Random } from '../src/demo/random.js';

const card = (amount: number, status: Tender['status'], n: number): Tender => ({
  kind: 'card',
  amount,
  label: `visa ••••${n}`,
  status,
  refunded: 0,
  ...(status === 'approved' ? { transactionId: `ch_${n}` } : { declineCode: 'card_declined' }),
});
const gift = (amount: number, n: number): Tender => ({
  kind: 'gift_card',
  amount,
  label: `gift ••••${n}`,
  giftCardCode: `GIFT-${n}`,
  status: 'approved',
  refunded: 0,
});

describe('refund allocation', () => {
  it('never returns money to a declined or pending card', () => {
    const tenders = [card(5000, 'declined', 1), card(5000, 'approved', 2), card(5000, 'pending', 3)];
    expect(tenders.map(captured)).toEqual([false, true, false]);
    expect(allocateRefund(tenders, 5000)).toEqual([{ tenderIndex: 1, kind: 'card', amount: 5000 }]);
    expect(allocateRefund(tenders, 5001)).toBeNull();
  });

  it('takes cards newest first, then gift cards, or the tender the agent picks first', () => {
    const tenders = [gift(1000, 1), card(2000, 'approved', 2), card(3000, 'approved', 3)];
    expect(allocateRefund(tenders, 4500)).toEqual([
      { tenderIndex: 2, kind: 'card', amount: 3000 },
      { tenderIndex: 1, kind: 'card', amount: 1500 },
    ]);
    expect(allocateRefund(tenders, 5500, 0)).toEqual([
      { tenderIndex: 0, kind: 'gift_card', amount: 1000 },
      { tenderIndex: 2, kind: 'card', amount: 3000 },
      { tenderIndex: 1, kind: 'card', amount: 1500 },
    ]);
  });

  /**
   * Random sequences of pay, decline, split tender, partial and full refunds:
   * per tender, refunded never exceeds captured; per order, what went back is
   * exactly what was refunded, and card money only ever goes to approved charges.
   */
  it('keeps refunded <= captured per tender and refunds = money back per order, over random sequences', () => {
    for (let seed = 1; seed <= 400; seed++) {
      const random = new Random(seed);
      let tenders: Tender[] = [];
      const backToCard = new Map<number, number>();
      let refundedTotal = 0;
      for (let step = 0; step < 12; step++) {
        const roll = random.int(0, 9);
        if (roll <= 1) tenders.push(card(random.int(1, 20_000), 'declined', tenders.length));
        else if (roll <= 3) tenders.push(card(random.int(1, 20_000), 'approved', tenders.length));
        else if (roll === 4) tenders.push(gift(random.int(1, 5_000), tenders.length));
        else {
          const left = refundableTotal(tenders);
          const full = roll >= 8;
          const amount = full ? left : random.int(0, left + 100);
          const preferred = random.int(0, 3) === 0 ? random.int(0, tenders.length) : undefined;
          const parts = allocateRefund(tenders, amount, preferred);
          if (amount > left) {
            expect(parts, `seed ${seed}: more than captured`).toBeNull();
            continue;
          }
          expect(parts, `seed ${seed}`).not.toBeNull();
          expect(parts!.reduce((s, p) => s + p.amount, 0)).toBe(amount);
          for (const part of parts!) {
            expect(captured(tenders[part.tenderIndex]!), `seed ${seed}: part on an uncaptured tender`).toBe(true);
            if (part.kind === 'card')
              backToCard.set(part.tenderIndex, (backToCard.get(part.tenderIndex) ?? 0) + part.amount);
          }
          tenders = applyRefund(tenders, parts!);
          refundedTotal += amount;
        }
        for (const [index, tender] of tenders.entries()) {
          expect(tender.refunded, `seed ${seed}`).toBeLessThanOrEqual(captured(tender) ? tender.amount : 0);
          expect(refundable(tender)).toBeGreaterThanOrEqual(0);
          if (tender.kind === 'card') expect(backToCard.get(index) ?? 0).toBe(tender.refunded);
        }
        expect(
          tenders.reduce((s, t) => s + t.refunded, 0),
          `seed ${seed}`,
        ).toBe(refundedTotal);
      }
    }
  });
});
