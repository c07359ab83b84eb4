import { BONUSES, type Bonus, type BonusTotals, type PeriodKind } from './bonuses.js';
import type { MemberStatus, PreparedPeriod } from './input.js';
import { STATUS_NAMES } from './input-members.js';
import type { LineTable } from './line-table.js';
import type { PartnerRankMetrics } from './rank-progress.js';
import type { Ranks } from './ranks.js';
import type { Volumes } from './volumes.js';

export type { Bonus, BonusTotals } from './bonuses.js';

/** One commission line with its source, so the ledger can say why it was paid. */
export interface CommissionLine {
  recipientId: string;
  bonus: Bonus;
  /** Cents. */
  amount: number;
  /** null on rank advancement lines. */
  sourceOrderId: string | null;
  /** The order's buyer (a partner or a customer); the recipient on rank advancement lines. */
  sourcePartnerId: string;
  /** Unilevel: active-upline level; fast start: sponsor level; rank advancement: 0. */
  level: number;
  rateBp: number;
  /** The source order's cv; null on rank advancement lines. */
  cv: number | null;
  /** The rank reached, on rank advancement lines only. */
  rank: number | null;
  /** Unilevel: inactive uplines skipped between the previous level (or the order's owner) and the recipient, lowest first. */
  compressedIds: readonly string[];
}

/** Period result of one partner (kind `partner`). */
export interface PartnerResult {
  id: string;
  pv: number;
  gv: number;
  active: boolean;
  paidRank: number;
  /** After the period: max(highest rank before, paidRank). */
  highestRank: number;
}

export interface PeriodResult {
  periodId: string;
  kind: PeriodKind;
  /**
   * One entry per partner when the period pays unilevel or rank advancement (which need volumes
   * and ranks: a monthly period under the default plan); otherwise empty.
   */
  partners: PartnerResults;
  lines: CommissionLines;
  /** Cents computed for an existing level but not paid. */
  breakage: number;
  breakageByBonus: BonusTotals;
  totals: BonusTotals;
  /** Present when computed with `withLegDetail` and the period settles ranks (partners not empty). */
  legDetail: LegDetail | null;
}

const NO_IDS: readonly string[] = Object.freeze([]);

/** The lines as objects on demand; `table` holds the columns for bulk readers (the CLI writer). */
export class CommissionLines implements Iterable<CommissionLine> {
  constructor(
    readonly table: LineTable,
    private readonly prepared: PreparedPeriod,
  ) {}

  get length(): number {
    return this.table.length;
  }

  /** Member ids by member index (recipient and source columns). */
  get memberIds(): readonly string[] {
    return this.prepared.members.ids;
  }

  /** Order ids by order index (order column). */
  get orderIds(): readonly string[] {
    return this.prepared.orders.ids;
  }

  at(i: number): CommissionLine {
    const t = this.table;
    const { members, orders } = this.prepared;
    const order = t.order[i]!;
    const recipient = t.recipient[i]!;
    const from = t.compressedFrom[i]!;
    return {
      recipientId: members.ids[recipient]!,
      bonus: BONUSES[t.bonus[i]!]!,
      amount: t.amount[i]!,
      sourceOrderId: order === -1 ? null : orders.ids[order]!,
      sourcePartnerId: members.ids[t.source[i]!]!,
      level: t.level[i]!,
      rateBp: t.rateBp[i]!,
      cv: order === -1 ? null : orders.cv[order]!,
      rank: t.rank[i] === 0 ? null : t.rank[i]!,
      compressedIds: from === -1 ? NO_IDS : this.between(from, recipient),
    };
  }

  /** Members strictly between `from` and its placement ancestor `to` (walked only when asked for). */
  private between(from: number, to: number): string[] {
    const { ids, placement } = this.prepared.members;
    const skipped: string[] = [];
    for (let v = placement[from]!; v !== to; v = placement[v]!) skipped.push(ids[v]!);
    return skipped;
  }

  *[Symbol.iterator](): Iterator<CommissionLine> {
    for (let i = 0; i < this.table.length; i++) yield this.at(i);
  }
}

/** Per-partner results as objects on demand; the columns are public for bulk readers. */
export class PartnerResults implements Iterable<PartnerResult> {
  constructor(
    /** Member numbers of the partners listed, in breadth-first placement order (roots first). */
    readonly index: Int32Array,
    readonly ids: readonly string[],
    readonly pv: Float64Array,
    readonly gv: Float64Array,
    readonly active: Uint8Array,
    /** Rank numbers by member index. */
    readonly paidRank: Int32Array,
    readonly highestRank: Int32Array,
  ) {}

  get length(): number {
    return this.index.length;
  }

  at(i: number): PartnerResult {
    const v = this.index[i]!;
    return {
      id: this.ids[v]!,
      pv: this.pv[v]!,
      gv: this.gv[v]!,
      active: this.active[v] === 1,
      paidRank: this.paidRank[v]!,
      highestRank: this.highestRank[v]!,
    };
  }

  *[Symbol.iterator](): Iterator<PartnerResult> {
    for (let i = 0; i < this.index.length; i++) yield this.at(i);
  }
}

export function emptyPartnerResults(): PartnerResults {
  const none = new Float64Array(0);
  return new PartnerResults(new Int32Array(0), [], none, none, new Uint8Array(0), new Int32Array(0), new Int32Array(0));
}

export function partnerResults({ plan, members }: PreparedPeriod, volumes: Volumes, ranks: Ranks): PartnerResults {
  const n = members.count;
  let partnerCount = 0;
  for (let v = 0; v < n; v++) partnerCount += members.isPartner[v]!;
  const index = new Int32Array(partnerCount);
  const paidRank = new Int32Array(n);
  const highestRank = new Int32Array(n);
  for (let v = 0, k = 0; v < n; v++) {
    if (members.isPartner[v] === 0) continue;
    index[k++] = v;
    const paid = ranks.paidRankIndex[v]!;
    paidRank[v] = plan.ranks[paid]!.rank;
    highestRank[v] = plan.ranks[Math.max(paid, members.highestRankIndex[v]!)]!.rank;
  }
  return new PartnerResults(index, members.ids, volumes.pv, volumes.gv, volumes.active, paidRank, highestRank);
}

/** Per-partner qualification metrics (for rank progress), read from arrays the engine computed anyway. */
export interface LegDetail {
  metricsOf(partnerId: string): PartnerRankMetrics | undefined;
}

export function legDetail(
  prepared: PreparedPeriod,
  volumes: Volumes,
  partners: PartnerResults,
  ranks: Ranks,
): LegDetail {
  const { members } = prepared;
  const { childStart } = members;
  return {
    metricsOf(partnerId) {
      const v = members.index.get(partnerId);
      if (v === -1 || members.isPartner[v] === 0) return undefined;
      const legs = [];
      for (let child = childStart[v]!; child < childStart[v + 1]!; child++) {
        legs.push({ partnerId: members.ids[child]!, gv: volumes.gv[child]!, legRank: ranks.bestRankBelow[child]! });
      }
      return {
        status: STATUS_NAMES[members.status[v]!]! as MemberStatus,
        pv: volumes.pv[v]!,
        activeEnrolled: volumes.activeEnrolled[v]!,
        legs,
        paidRank: partners.paidRank[v]!,
        highestRank: partners.highestRank[v]!,
      };
    },
  };
}
