import { JsonByteWriter } from './json-bytes.js';
import { BONUSES, type Bonus, type BonusTotals } from './bonuses.js';
import { RANK_ADVANCEMENT } from './line-table.js';
import type { PeriodResult } from './result.js';

/** OUTPUT.json of the engine's file contract (docs/engine-file-contract.md, "Output"). */
export interface PeriodOutput {
  period: string;
  partners: { id: string; pv: number; gv: number; active: boolean; paidRank: number; highestRank: number }[];
  lines: {
    recipientId: string;
    bonus: Bonus;
    amount: number;
    sourceOrderId: string | null;
    sourcePartnerId: string;
    level: number;
    rateBp: number;
    /** Rank advancement lines only. */
    rank?: number;
  }[];
  breakage: number;
  totals: BonusTotals;
}

/**
 * Serializes the result in the contract's shape as UTF-8 chunks of about
 * `chunkBytes`, each valid only until `emit` returns. A month of a million
 * partners is larger than the longest string V8 can hold, so the document is
 * never built whole.
 */
export function writePeriodOutput(result: PeriodResult, emit: (chunk: Uint8Array) => void, chunkBytes = 1 << 20): void {
  const out = new JsonByteWriter(emit, chunkBytes);
  out.raw('{"period":');
  out.string(result.periodId);
  out.raw(',"partners":[');
  const p = result.partners;
  for (let i = 0; i < p.index.length; i++) {
    const v = p.index[i]!;
    out.raw(i === 0 ? '{"id":' : ',{"id":');
    out.string(p.ids[v]!);
    out.raw(',"pv":');
    out.int(p.pv[v]!);
    out.raw(',"gv":');
    out.int(p.gv[v]!);
    out.raw(',"active":');
    out.bool(p.active[v] === 1);
    out.raw(',"paidRank":');
    out.int(p.paidRank[v]!);
    out.raw(',"highestRank":');
    out.int(p.highestRank[v]!);
    out.raw('}');
  }

  out.raw('],"lines":[');
  const t = result.lines.table;
  const { memberIds, orderIds } = result.lines;
  const bonusText = BONUSES.map((bonus) => `,"bonus":"${bonus}","amount":`);
  for (let i = 0; i < t.length; i++) {
    out.raw(i === 0 ? '{"recipientId":' : ',{"recipientId":');
    out.string(memberIds[t.recipient[i]!]!);
    out.raw(bonusText[t.bonus[i]!]!);
    out.int(t.amount[i]!);
    out.raw(',"sourceOrderId":');
    const order = t.order[i]!;
    if (order === -1) out.raw('null');
    else out.string(orderIds[order]!);
    out.raw(',"sourcePartnerId":');
    out.string(memberIds[t.source[i]!]!);
    out.raw(',"level":');
    out.int(t.level[i]!);
    out.raw(',"rateBp":');
    out.int(t.rateBp[i]!);
    if (t.bonus[i] === RANK_ADVANCEMENT) {
      out.raw(',"rank":');
      out.int(t.rank[i]!);
    }
    out.raw('}');
  }

  out.raw('],"breakage":');
  out.int(result.breakage);
  BONUSES.forEach((bonus, i) => {
    out.raw(`${i === 0 ? ',"totals":{' : ','}"${bonus}":`);
    out.int(result.totals[bonus]);
  });
  out.raw('}}\n');
  out.end();
}

/** The contract's output as an object, for small periods (tests, previews); same serializer as the CLI. */
export function toPeriodOutput(result: PeriodResult): PeriodOutput {
  const decoder = new TextDecoder();
  let text = '';
  writePeriodOutput(result, (chunk) => {
    text += decoder.decode(chunk, { stream: true });
  });
  return JSON.parse(text + decoder.decode()) as PeriodOutput;
}
