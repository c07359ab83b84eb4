/**
 * Member id -> member index. Member ids are digit strings issued by a counter
 * (members/model.ts), so when every id is a canonical decimal number in a
 * compact range, a flat Int32Array replaces the hash map: a period resolves
 * millions of sponsor, placement and buyer ids, and one array read each is
 * several times faster than a Map of a million strings. Any other ids use a Map.
 */
export class MemberIndex {
  private constructor(
    private readonly lowest: number,
    private readonly table: Int32Array | null,
    private readonly map: Map<string, number> | null,
  ) {}

  /** Indexes `ids` by position; calls `onDuplicate` (which throws) at the first repeated id. */
  static build(ids: readonly string[], onDuplicate: (index: number, first: number) => never): MemberIndex {
    const n = ids.length;
    const numbers = new Float64Array(n);
    let lowest = Infinity;
    let highest = -Infinity;
    let dense = n > 0;
    for (let i = 0; i < n && dense; i++) {
      const value = canonicalNumber(ids[i]!);
      if (value === -1) dense = false;
      numbers[i] = value;
      if (value < lowest) lowest = value;
      if (value > highest) highest = value;
    }
    if (dense && highest - lowest <= 4 * n + 1024) {
      const table = new Int32Array(highest - lowest + 1).fill(-1);
      for (let i = 0; i < n; i++) {
        const slot = numbers[i]! - lowest;
        const first = table[slot]!;
        if (first !== -1) onDuplicate(i, first);
        table[slot] = i;
      }
      return new MemberIndex(lowest, table, null);
    }
    const map = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const first = map.get(ids[i]!);
      if (first !== undefined) onDuplicate(i, first);
      map.set(ids[i]!, i);
    }
    return new MemberIndex(0, null, map);
  }

  /** The member's index, or -1 when no member has this id. */
  get(id: string): number {
    if (this.table === null) return this.map!.get(id) ?? -1;
    const value = canonicalNumber(id);
    if (value < this.lowest) return -1;
    const slot = value - this.lowest;
    return slot < this.table.length ? this.table[slot]! : -1;
  }

  /** Renumbers the members: index i becomes newIndex[i]. */
  renumber(newIndex: Int32Array): void {
    if (this.table !== null) {
      const table = this.table;
      for (let slot = 0; slot < table.length; slot++) if (table[slot] !== -1) table[slot] = newIndex[table[slot]!]!;
    } else {
      for (const [id, index] of this.map!) this.map!.set(id, newIndex[index]!);
    }
  }
}

/** The value of a canonical decimal id ("0", "1042"; no sign, no leading zero, at most 15 digits), else -1. */
function canonicalNumber(id: string): number {
  const length = id.length;
  if (length === 0 || length > 15 || (length > 1 && id.charCodeAt(0) === 48)) return -1;
  let value = 0;
  for (let i = 0; i < length; i++) {
    const digit = id.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}
