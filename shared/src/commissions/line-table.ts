import { BONUSES } from './bonuses.js';

/** A bonus's number in the `bonus` column: its index in BONUSES (bonuses.ts). */
export const UNILEVEL = BONUSES.indexOf('unilevel');
export const FAST_START = BONUSES.indexOf('fastStart');
export const RANK_ADVANCEMENT = BONUSES.indexOf('rankAdvancement');

/**
 * Commission lines in columns. A month of a million partners produces millions
 * of lines; typed columns keep that to tens of bytes a line and out of the
 * garbage collector's way. CommissionLines (result.ts) reads them as objects.
 */
export class LineTable {
  length = 0;
  recipient: Int32Array;
  /** Index into BONUSES. */
  bonus: Uint8Array;
  amount: Float64Array;
  /** Source order index, or -1 (rank advancement). */
  order: Int32Array;
  /** Source member index: the order's buyer, or the recipient for rank advancement. */
  source: Int32Array;
  level: Int32Array;
  rateBp: Int32Array;
  /** Rank reached (rank advancement), else 0. */
  rank: Int32Array;
  /**
   * Unilevel only: the member the walk up came from (the order's owner for level 1,
   * else the previous level's upline); the members strictly between it and the
   * recipient are the compressed ones. -1 on other bonuses.
   */
  compressedFrom: Int32Array;
  /** Paid cents by bonus, indexed like BONUSES. */
  readonly totals = BONUSES.map(() => 0);
  /** Computed but unpaid cents by bonus, indexed like BONUSES. */
  readonly breakage = BONUSES.map(() => 0);

  constructor(capacity: number) {
    const size = Math.max(16, Math.ceil(capacity));
    this.recipient = new Int32Array(size);
    this.bonus = new Uint8Array(size);
    this.amount = new Float64Array(size);
    this.order = new Int32Array(size);
    this.source = new Int32Array(size);
    this.level = new Int32Array(size);
    this.rateBp = new Int32Array(size);
    this.rank = new Int32Array(size);
    this.compressedFrom = new Int32Array(size);
  }

  push(
    recipient: number,
    bonus: number,
    amount: number,
    order: number,
    source: number,
    level: number,
    rateBp: number,
    rank: number,
    compressedFrom: number,
  ): void {
    if (this.length === this.recipient.length) this.grow();
    const i = this.length++;
    this.recipient[i] = recipient;
    this.bonus[i] = bonus;
    this.amount[i] = amount;
    this.order[i] = order;
    this.source[i] = source;
    this.level[i] = level;
    this.rateBp[i] = rateBp;
    this.rank[i] = rank;
    this.compressedFrom[i] = compressedFrom;
    this.totals[bonus]! += amount;
  }

  addBreakage(bonus: number, amount: number): void {
    this.breakage[bonus]! += amount;
  }

  private grow(): void {
    const size = this.recipient.length * 2;
    this.recipient = resized(this.recipient, size);
    this.bonus = resized(this.bonus, size);
    this.amount = resized(this.amount, size);
    this.order = resized(this.order, size);
    this.source = resized(this.source, size);
    this.level = resized(this.level, size);
    this.rateBp = resized(this.rateBp, size);
    this.rank = resized(this.rank, size);
    this.compressedFrom = resized(this.compressedFrom, size);
  }
}

function resized<T extends Int32Array | Uint8Array | Float64Array>(column: T, size: number): T {
  const next = new (column.constructor as new (length: number) => T)(size);
  next.set(column);
  return next;
}
