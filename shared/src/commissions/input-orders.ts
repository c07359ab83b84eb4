import { refuse } from './input-error.js';
import type { MemberIndex } from './member-index.js';
import { asRow, describe, isCount } from './input-fields.js';
import { MAX_ORDER_CV } from './rounding.js';

export interface PreparedOrders {
  readonly count: number;
  readonly ids: readonly string[];
  /** Buyer's member number. */
  readonly buyer: Int32Array;
  readonly pv: Float64Array;
  readonly cv: Float64Array;
  /** 1 when the order is the buyer's first order. */
  readonly firstOrder: Uint8Array;
}

/** Validates the orders (messages name input positions) and resolves each buyer to its member number. */
export function readOrders(rows: readonly unknown[], members: MemberIndex): PreparedOrders {
  const n = rows.length;
  const ids = new Array<string>(n);
  const seen = new Set<string>();
  const buyer = new Int32Array(n);
  const pv = new Float64Array(n);
  const cv = new Float64Array(n);
  const firstOrder = new Uint8Array(n);

  for (let i = 0; i < n; i++) {
    const row = asRow('orders', i, rows[i]);
    const id = row.id;
    if (typeof id !== 'string' || id === '') refuse('orders', i, id, 'shape', 'id must be a non-empty string');
    if (seen.has(id)) {
      refuse('orders', i, id, 'duplicate_id', `duplicate id (already used by orders[${ids.indexOf(id)}])`);
    }
    seen.add(id);
    ids[i] = id;

    const buyerId = row.buyerId;
    if (typeof buyerId !== 'string') refuse('orders', i, id, 'shape', 'buyerId must be a string');
    const b = members.get(buyerId);
    if (b === -1) {
      refuse('orders', i, id, 'unknown_reference', `buyerId ${JSON.stringify(buyerId)} names no partner or customer`);
    }
    buyer[i] = b;

    const volume = row.pv;
    if (!isCount(volume)) {
      refuse('orders', i, id, 'invalid_volume', `pv must be a non-negative integer (got ${describe(volume)})`);
    }
    pv[i] = volume;
    const value = row.cv;
    if (!isCount(value)) {
      refuse('orders', i, id, 'invalid_volume', `cv must be a non-negative integer (got ${describe(value)})`);
    }
    if (value > MAX_ORDER_CV) {
      refuse('orders', i, id, 'invalid_volume', `cv must be at most ${MAX_ORDER_CV} cents to be computed exactly`);
    }
    cv[i] = value;

    const first = row.firstOrder;
    if (typeof first !== 'boolean') refuse('orders', i, id, 'shape', 'firstOrder must be true or false');
    firstOrder[i] = first ? 1 : 0;
  }
  return { count: n, ids, buyer, pv, cv, firstOrder };
}
