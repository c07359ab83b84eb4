import type { LedgerLine, Period } from '@arbor/shared/commissions/records';
import { getJson } from '../lib/objects.js';
import { getMembers } from '../members/repository.js';
import { loadRankNames, rankName } from './rank-names.js';
import {
  getPartnerPeriod,
  partnerPeriodSummaries,
  type StoredPartnerPeriod as Stored,
} from './repository/partner-periods.js';
import { getPeriods } from './repository/periods.js';

/** Only results of the period's current run count (a re-run may leave older items behind). */
const current = (record: Stored, period: Period | undefined) =>
  Boolean(
    period && period.runId === record.runId && ['calculated', 'finalizing', 'finalized', 'paid'].includes(period.state),
  );

/** A partner's period results, newest first, with each period's state (a calculated one is a preview). */
export async function partnerHistory(memberId: string) {
  await loadRankNames();
  const records = await partnerPeriodSummaries(memberId);
  const periods = await getPeriods(records.map((r) => r.periodId));
  return records
    .filter((record) => current(record, periods.get(record.periodId)))
    .map(({ runId: _run, ...record }) => ({
      ...record,
      kind: periods.get(record.periodId)!.kind,
      state: periods.get(record.periodId)!.state,
      rankName: rankName(record.paidRank),
    }));
}

/** The names of everyone a set of lines mentions: buyers and compressed uplines. */
async function namesFor(lines: readonly LedgerLine[]) {
  const ids = new Set<string>();
  for (const line of lines) {
    ids.add(line.sourcePartnerId);
    for (const id of line.compressedIds) ids.add(id);
  }
  return new Map((await getMembers([...ids])).map((m) => [m.id, m.displayName]));
}

/** Why each cent was paid: the line's rule in words, with names. */
export function explain(line: LedgerLine, names: Map<string, string>): string {
  const who = (id: string) => `${names.get(id) ?? 'member'} (${id})`;
  const money = (cents: number) => `${(cents / 100).toFixed(2)}`;
  switch (line.bonus) {
    case 'unilevel': {
      const skipped = line.compressedIds.length
        ? ` ${line.compressedIds.length} inactive upline(s) between were skipped (compression): ${line.compressedIds.map(who).join(', ')}.`
        : '';
      return `Unilevel level ${line.level}: ${line.rateBp / 100}% of order ${line.sourceOrderId} by ${who(line.sourcePartnerId)} (CV ${money(line.cv ?? 0)}).${skipped}`;
    }
    case 'fastStart':
      return `Fast start level ${line.level}: ${line.rateBp / 100}% of the first order ${line.sourceOrderId} of ${who(line.sourcePartnerId)} (CV ${money(line.cv ?? 0)}), whom you enrolled${line.level > 1 ? ` ${line.level} levels down` : ''}.`;
    case 'rankAdvancement':
      return `Rank advancement: first time at ${rankName(line.rank ?? 0)} (a one-time bonus).`;
    case 'reversal':
      return `Reversal: order ${line.sourceOrderId} was refunded (CV ${money(-(line.cv ?? 0))}); this takes back the share of ${money(line.reverses?.amount ?? 0)} paid as ${line.reverses?.bonus} in ${line.reverses?.periodId}.`;
  }
}

export async function partnerPeriodDetail(memberId: string, period: Period) {
  await loadRankNames();
  const record = await getPartnerPeriod(memberId, period.id);
  if (!record || !current(record, period)) return null;
  const lines = record.linesKey ? await getJson<LedgerLine[]>(record.linesKey) : record.lines;
  const names = await namesFor(lines);
  const { runId: _run, linesKey: _key, lines: _lines, ...summary } = record;
  return {
    period: { id: period.id, kind: period.kind, state: period.state, start: period.start, end: period.end },
    ...summary,
    rankName: rankName(record.paidRank),
    lines: lines.map((line) => ({
      ...line,
      sourcePartnerName: names.get(line.sourcePartnerId) ?? null,
      explanation: explain(line, names),
    })),
  };
}
