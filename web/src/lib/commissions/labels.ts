/**
 * Commission words and numbers in the member's language: period names, bonus and state labels,
 * money from integer cents. Each reads the locale, so markup that calls them follows a switch.
 */
import type { Money } from '@arbor/shared/money';
import { DEFAULT_PLAN } from '@arbor/shared/commissions/plan';
import { formatDay, formatMoney, formatNumber } from '../format';
import { t } from '../i18n/index.svelte';
import { rankLabel } from '../i18n/names';
import type { LineKind, PeriodState } from './types';
import { periodDays, weekOf } from './periods';
import { payoutCurrency } from './currency.svelte';

/** Commission amounts are integer cents in the company's payout currency. */
export const cents = (amount: number): Money => ({ amount, currency: payoutCurrency() });

/** 67830 -> "$678.30"; exact (formatted from the decimal string, never a float division). */
export const money = (amount: number): string => formatMoney(cents(amount));

/** Points (PV, GV) as whole numbers. */
export const points = (value: number): string => formatNumber(value, { maximumFractionDigits: 0 });

/** A rate in basis points as a percent: 500 -> "5%", 525 -> "5.25%". */
export function rateText(rateBp: number): string {
  return formatNumber(rateBp / 10_000, { style: 'percent', maximumFractionDigits: 2 });
}

/** "October 2026" or "Week 47, 2026". */
export function periodLabel(id: string): string {
  const week = weekOf(id);
  if (week) return t('cm.period.week', { week: week.week, year: week.year });
  const days = periodDays(id);
  return days ? formatDay(days.first, { month: 'long', year: 'numeric' }) : id;
}

/** "Oct 2026" / "W47": short enough for a chart's axis. */
export function periodShortLabel(id: string): string {
  const week = weekOf(id);
  if (week) return t('cm.period.weekShort', { week: week.week });
  const days = periodDays(id);
  return days ? formatDay(days.first, { month: 'short', year: 'numeric' }) : id;
}

/** "Nov 16 – Nov 22, 2026": the calendar days a period covers. */
export function periodRange(id: string): string {
  const days = periodDays(id);
  if (!days) return '';
  return t('cm.period.range', {
    first: formatDay(days.first, { month: 'short', day: 'numeric' }),
    last: formatDay(days.last, { dateStyle: 'medium' }),
  });
}

export function bonusLabel(bonus: string): string {
  switch (bonus) {
    case 'unilevel':
      return t('cm.bonus.unilevel');
    case 'fastStart':
      return t('cm.bonus.fastStart');
    case 'rankAdvancement':
      return t('cm.bonus.rankAdvancement');
    case 'reversal':
      return t('cm.bonus.reversal');
    case 'breakage':
      return t('cm.bonus.breakage');
    case 'total':
      return t('cm.bonus.total');
    default:
      return bonus;
  }
}

/** How a partner reads a period's state: a calculated period is a preview, not final. */
export function stateLabel(state: PeriodState): string {
  return t(`cm.state.${state}`);
}

/** Whether the amounts can still change. */
export const isPreview = (state: PeriodState) => state === 'calculated' || state === 'finalizing';

/**
 * A rank's name in the member's language: from the names the API gave (the plan in force), else
 * the default plan's, else "Rank 7".
 */
export function rankNameOf(rank: number, known: ReadonlyMap<number, string> = new Map()): string {
  const name = known.get(rank) ?? DEFAULT_PLAN.ranks.find((r) => r.rank === rank)?.name;
  return name ? rankLabel(name) : t('rank.number', { rank });
}

export const BONUS_COLORS: Record<LineKind, string> = {
  unilevel: '#1f6f43',
  fastStart: '#2f6db5',
  rankAdvancement: '#c97a10',
  reversal: '#b42318',
};
