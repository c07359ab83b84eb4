/**
 * "Why was I paid this?": a commission line's rule in words, in the member's language, built from
 * the line's own fields (the API's `explanation` is English only). Amounts are formatted from
 * integer cents; the arithmetic shown is the engine's (rate × CV, rounded half up per line).
 */
import type { LedgerLine } from '@arbor/shared/commissions/records';
import { t } from '../i18n/index.svelte';
import { bonusLabel, money, periodLabel, rankNameOf, rateText } from './labels';

export interface ExplainableLine extends LedgerLine {
  sourcePartnerName: string | null;
}

const person = (name: string | null, id: string) =>
  name ? t('cm.explain.person', { name, id }) : t('cm.explain.personId', { id });

function skipped(line: LedgerLine): string {
  const count = line.compressedIds.length;
  if (count === 0) return '';
  const ids = line.compressedIds.join(', ');
  return ` ${t('cm.explain.compressed', { count, ids })}`;
}

/** The line's rule, with the numbers that produced its amount. */
export function explainLine(line: ExplainableLine, rankNames?: ReadonlyMap<number, string>): string {
  const who = person(line.sourcePartnerName, line.sourcePartnerId);
  const order = line.sourceOrderId ?? '';
  const cv = money(Math.abs(line.cv ?? 0));
  const math = t('cm.explain.math', { rate: rateText(line.rateBp), cv, amount: money(line.amount) });
  switch (line.bonus) {
    case 'unilevel':
      return `${t('cm.explain.unilevel', { level: line.level, order, who })} ${math}${skipped(line)}`;
    case 'fastStart':
      return `${t(line.level > 1 ? 'cm.explain.fastStartDeep' : 'cm.explain.fastStart', {
        level: line.level,
        order,
        who,
      })} ${math}`;
    case 'rankAdvancement':
      return t('cm.explain.rankAdvancement', { rank: rankNameOf(line.rank ?? 0, rankNames) });
    case 'reversal':
      return t('cm.explain.reversal', {
        order,
        cv,
        original: money(line.reverses?.amount ?? 0),
        bonus: line.reverses ? bonusLabel(line.reverses.bonus) : '',
        period: line.reverses ? periodLabel(line.reverses.periodId) : '',
        amount: money(-line.amount),
      });
  }
}

/** The short "how" of a line for its table cell: "Level 2 · 5%", "Gold", "Undoes Unilevel, October 2026". */
export function lineRule(line: LedgerLine, rankNames?: ReadonlyMap<number, string>): string {
  switch (line.bonus) {
    case 'unilevel':
    case 'fastStart':
      return t('cm.rule.level', { level: line.level, rate: rateText(line.rateBp) });
    case 'rankAdvancement':
      return rankNameOf(line.rank ?? 0, rankNames);
    case 'reversal':
      return line.reverses
        ? t('cm.rule.undoes', { bonus: bonusLabel(line.reverses.bonus), period: periodLabel(line.reverses.periodId) })
        : bonusLabel('reversal');
  }
}
