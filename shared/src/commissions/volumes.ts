import { STATUS_ACTIVE } from './input-members.js';
import type { PreparedPeriod } from './input.js';

export interface Volumes {
  /** Member index owning each order: the buyer if a partner, else the buyer's sponsor. */
  readonly owner: Int32Array;
  /** PV by member (customers keep 0: their orders count for their sponsor). */
  readonly pv: Float64Array;
  /** GV by member: PV plus the GV of each placement child. */
  readonly gv: Float64Array;
  /** 1 when the member is a partner with status active and PV >= plan.activePv. */
  readonly active: Uint8Array;
  /** Active partners each member personally enrolled. */
  readonly activeEnrolled: Int32Array;
}

export function computeVolumes({ plan, members, orders }: PreparedPeriod): Volumes {
  const n = members.count;
  const { isPartner, sponsor, placement, status } = members;

  const owner = new Int32Array(orders.count);
  const pv = new Float64Array(n);
  for (let o = 0; o < orders.count; o++) {
    const buyer = orders.buyer[o]!;
    const who = isPartner[buyer] === 1 ? buyer : sponsor[buyer]!;
    owner[o] = who;
    pv[who]! += orders.pv[o]!;
  }

  // Members are numbered breadth first: counting down settles children before parents.
  const gv = pv.slice();
  for (let v = n - 1; v >= 0; v--) {
    const parent = placement[v]!;
    if (parent !== -1) gv[parent]! += gv[v]!;
  }

  const active = new Uint8Array(n);
  const activeEnrolled = new Int32Array(n);
  for (let v = 0; v < n; v++) {
    if (isPartner[v] === 1 && status[v] === STATUS_ACTIVE && pv[v]! >= plan.activePv) {
      active[v] = 1;
      const s = sponsor[v]!;
      if (s !== -1) activeEnrolled[s]!++;
    }
  }
  return { owner, pv, gv, active, activeEnrolled };
}
