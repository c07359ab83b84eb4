/**
 * A rank's requirements as rows a page can show: what is asked, what the member has, and in words
 * what is still missing ("40 PV to go"). Shared by the Rank Advancement page and the dashboard.
 */
import { formatCount } from '../format';
import { t } from '../i18n/index.svelte';
import { points, rankNameOf } from './labels';
import type { RankProgress } from './types';

export interface RequirementRow {
  key: 'status' | 'pv' | 'gv' | 'activeEnrolled' | 'legs';
  label: string;
  /** What the bar fills with; `required` 0 means nothing is asked. */
  actual: number;
  required: number;
  met: boolean;
  /** "90 of 100 PV". */
  amount: string;
  /** "Met" or "10 PV to go". */
  status: string;
}

export function requirementRows(rank: RankProgress, rankNames?: ReadonlyMap<number, string>): RequirementRow[] {
  const rows: RequirementRow[] = [];
  if (!rank.status.met) {
    rows.push({
      key: 'status',
      label: t('cm.req.status'),
      actual: 0,
      required: 1,
      met: false,
      amount: t(`status.${rank.status.actual}`),
      status: t('cm.req.statusMissing'),
    });
  }
  rows.push({
    key: 'pv',
    label: t('cm.req.pv'),
    actual: rank.pv.actual,
    required: rank.pv.required,
    met: rank.pv.met,
    amount: t('cm.req.ofPoints', { actual: points(rank.pv.actual), required: points(rank.pv.required) }),
    status: rank.pv.met ? t('cm.req.met') : t('cm.req.pvMissing', { missing: points(rank.pv.missing) }),
  });
  rows.push({
    key: 'gv',
    label: rank.gv.legCap === null ? t('cm.req.gv') : t('cm.req.gvCapped'),
    actual: rank.gv.actual,
    required: rank.gv.required,
    met: rank.gv.met,
    amount: t('cm.req.ofPoints', { actual: points(rank.gv.actual), required: points(rank.gv.required) }),
    status: rank.gv.met ? t('cm.req.met') : t('cm.req.gvMissing', { missing: points(rank.gv.missing) }),
  });
  rows.push({
    key: 'activeEnrolled',
    label: t('cm.req.activeEnrolled'),
    actual: rank.activeEnrolled.actual,
    required: rank.activeEnrolled.required,
    met: rank.activeEnrolled.met,
    amount: t('cm.req.ofCount', {
      actual: formatCount(rank.activeEnrolled.actual),
      required: formatCount(rank.activeEnrolled.required),
    }),
    status: rank.activeEnrolled.met
      ? t('cm.req.met')
      : t('cm.req.enrolledMissing', { count: rank.activeEnrolled.missing }),
  });
  if (rank.legs) {
    const minRank = rankNameOf(rank.legs.minRank, rankNames);
    rows.push({
      key: 'legs',
      label: t('cm.req.legs', { rank: minRank }),
      actual: rank.legs.actual,
      required: rank.legs.required,
      met: rank.legs.met,
      amount: t('cm.req.ofCount', {
        actual: formatCount(rank.legs.actual),
        required: formatCount(rank.legs.required),
      }),
      status: rank.legs.met ? t('cm.req.met') : t('cm.req.legsMissing', { count: rank.legs.missing, rank: minRank }),
    });
  }
  return rows;
}

/** The one-line summary of what a rank still needs: "10 PV to go · 1 more leg with Silver or higher". */
export function missingSummary(rank: RankProgress, rankNames?: ReadonlyMap<number, string>): string {
  if (rank.qualified) return t('cm.req.qualified');
  return requirementRows(rank, rankNames)
    .filter((row) => !row.met)
    .map((row) => row.status)
    .join(' · ');
}

/** The names of the ranks an answer mentions, to name ranks by the plan in force. */
export function rankNamesFrom(ranks: readonly { rank: number; name: string }[]): Map<number, string> {
  return new Map(ranks.map((r) => [r.rank, r.name]));
}
