import { STATUS_CANCELED } from './input-members.js';
import type { PreparedPeriod } from './input.js';
import { FAST_START, type LineTable } from './line-table.js';
import { roundedShare } from './rounding.js';

/**
 * Fast start (docs/compensation-plan.md, "2. Fast start"): up the enroller tree from the buyer's
 * sponsor, no compression. A canceled recipient still takes its level; its
 * amount is breakage. The chain stops at a root: levels above it do not exist.
 */
export function payFastStart({ plan, members, orders }: PreparedPeriod, lines: LineTable): void {
  const rates = plan.fastStartRatesBp;
  const { sponsor, status } = members;
  for (let o = 0; o < orders.count; o++) {
    const cv = orders.cv[o]!;
    if (orders.firstOrder[o] === 0 || cv === 0) continue;
    const buyer = orders.buyer[o]!;
    let recipient = sponsor[buyer]!;
    for (let level = 1; level <= rates.length && recipient !== -1; level++) {
      const rateBp = rates[level - 1]!;
      const amount = roundedShare(cv, rateBp);
      if (amount > 0) {
        if (status[recipient] === STATUS_CANCELED) lines.addBreakage(FAST_START, amount);
        else lines.push(recipient, FAST_START, amount, o, buyer, level, rateBp, 0, -1);
      }
      recipient = sponsor[recipient]!;
    }
  }
}
