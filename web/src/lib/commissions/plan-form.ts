/**
 * The plan editor's form: every field as the text the admin typed, turned into a plan document
 * (rates typed as percents become basis points, the advancement bonus typed in money becomes
 * cents, all in integer arithmetic) and checked with the same PlanSchema the server uses. Errors
 * are keyed by the document path (`document.ranks.2.gv`), whether they come from the browser or
 * from the server's details (`body.document.ranks.2.gv`), so each lands next to its field.
 */
import { PlanSchema, type Plan, type PlanDocument } from '@arbor/shared/commissions/plan';
import type { ErrorDetail } from '../api';
import { t, type MessageKey } from '../i18n/index.svelte';
import { bonusLabel } from './labels';

export type FieldErrors = Record<string, string>;

export interface RateRow {
  /** Stable key for the list (rows are added and removed). */
  key: number;
  /** Percent, e.g. "5" or "2.5". */
  percent: string;
}

export interface RankRow {
  key: number;
  rank: string;
  name: string;
  pv: string;
  gv: string;
  /** Empty: no cap. */
  maxLegPct: string;
  activeEnrolled: string;
  /** Both empty: no leg rule. */
  legsCount: string;
  legsMinRank: string;
  unilevelDepth: string;
  /** Money, e.g. "100.00". */
  advancementBonus: string;
}

export interface PlanForm {
  name: string;
  notes: string;
  activePv: string;
  unilevel: RateRow[];
  fastStart: RateRow[];
  /** Which kind of period pays each bonus (chosen from a list, so never mistyped). */
  bonusPeriods: Plan['bonusPeriods'];
  ranks: RankRow[];
}

let nextKey = 1;
const key = () => nextKey++;

// --- numbers typed as text -------------------------------------------------------------

const WHOLE = /^\d{1,9}$/;
/** Up to 100 with up to two decimals; a comma is accepted as the decimal mark. */
const PERCENT = /^(\d{1,3})(?:[.,](\d{1,2}))?$/;
const MONEY = /^(\d{1,9})(?:[.,](\d{1,2}))?$/;

const clean = (text: string) => text.trim().replace(/\s+/g, '');

/** "12" -> 12; anything else (blank, negative, decimals) -> null. */
export function parseWhole(text: string): number | null {
  const value = clean(text);
  return WHOLE.test(value) ? Number(value) : null;
}

/** "5" -> 500, "2.5" -> 250, "0,75" -> 75 basis points; null when not a percent with up to two decimals. */
export function percentToBp(text: string): number | null {
  const match = PERCENT.exec(clean(text).replace(/%$/, ''));
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** 500 -> "5", 250 -> "2.5", 525 -> "5.25". */
export function bpToPercent(bp: number): string {
  const whole = Math.trunc(bp / 100);
  const fraction = String(bp % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : String(whole);
}

/** "100" -> 10000, "99.5" -> 9950 cents; group separators ("1,000.00") are accepted. */
export function moneyToCents(text: string): number | null {
  let value = clean(text).replace(/^\$/, '');
  if (/^\d{1,3}(,\d{3})+(\.\d{1,2})?$/.test(value)) value = value.replace(/,/g, '');
  const match = MONEY.exec(value);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** 10000 -> "100.00". */
export function centsToMoney(cents: number): string {
  return `${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

// --- document <-> form --------------------------------------------------------------------

export function rankRow(rank: Plan['ranks'][number]): RankRow {
  return {
    key: key(),
    rank: String(rank.rank),
    name: rank.name,
    pv: String(rank.pv),
    gv: String(rank.gv),
    maxLegPct: rank.maxLegPct === null ? '' : String(rank.maxLegPct),
    activeEnrolled: String(rank.activeEnrolled),
    legsCount: rank.legs ? String(rank.legs.count) : '',
    legsMinRank: rank.legs ? String(rank.legs.minRank) : '',
    unilevelDepth: String(rank.unilevelDepth),
    advancementBonus: centsToMoney(rank.advancementBonus),
  };
}

export function planToForm(plan: { name: string; notes?: string | undefined; document: Plan }): PlanForm {
  return {
    name: plan.name,
    notes: plan.notes ?? '',
    activePv: String(plan.document.activePv),
    unilevel: plan.document.unilevelRatesBp.map((bp) => ({ key: key(), percent: bpToPercent(bp) })),
    fastStart: plan.document.fastStartRatesBp.map((bp) => ({ key: key(), percent: bpToPercent(bp) })),
    bonusPeriods: { ...plan.document.bonusPeriods },
    ranks: plan.document.ranks.map(rankRow),
  };
}

/** A new rank above the last one: its numbers copied, its rank one higher, its name empty. */
export function nextRankRow(ranks: readonly RankRow[]): RankRow {
  const last = ranks[ranks.length - 1];
  const rank = (parseWhole(last?.rank ?? '0') ?? ranks.length) + 1;
  return {
    ...(last ?? rankRow({ ...EMPTY_RANK, rank })),
    key: key(),
    rank: String(rank),
    name: '',
  };
}

const EMPTY_RANK: Plan['ranks'][number] = {
  rank: 1,
  name: '',
  pv: 0,
  gv: 0,
  maxLegPct: null,
  activeEnrolled: 0,
  legs: null,
  unilevelDepth: 1,
  advancementBonus: 0,
};

export const newRate = (percent = '0'): RateRow => ({ key: key(), percent });

/**
 * The document the form describes, and the fields that are not numbers of the right kind. A field
 * that cannot be read is sent as typed, so the schema check names it too.
 */
export function formToDocument(form: PlanForm): { document: PlanDocument; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const read = <T>(path: string, text: string, parse: (text: string) => T | null, message: string): T => {
    const value = parse(text);
    if (value === null) {
      errors[path] = message;
      return text as unknown as T;
    }
    return value;
  };
  const whole = (path: string, text: string) => read(path, text, parseWhole, t('cm.plan.err.whole'));
  const percent = (path: string, text: string) => read(path, text, percentToBp, t('cm.plan.err.percent'));
  const document: PlanDocument = {
    activePv: whole('document.activePv', form.activePv),
    unilevelRatesBp: form.unilevel.map((row, i) => percent(`document.unilevelRatesBp.${i}`, row.percent)),
    fastStartRatesBp: form.fastStart.map((row, i) => percent(`document.fastStartRatesBp.${i}`, row.percent)),
    bonusPeriods: { ...form.bonusPeriods },
    ranks: form.ranks.map((row, i) => {
      const at = `document.ranks.${i}`;
      const hasCount = row.legsCount.trim() !== '';
      const hasMinRank = row.legsMinRank.trim() !== '';
      if (hasCount !== hasMinRank) errors[`${at}.legs.${hasCount ? 'minRank' : 'count'}`] = t('cm.plan.err.legsBoth');
      return {
        rank: whole(`${at}.rank`, row.rank),
        name: row.name.trim(),
        pv: whole(`${at}.pv`, row.pv),
        gv: whole(`${at}.gv`, row.gv),
        maxLegPct: row.maxLegPct.trim() === '' ? null : whole(`${at}.maxLegPct`, row.maxLegPct),
        activeEnrolled: whole(`${at}.activeEnrolled`, row.activeEnrolled),
        legs:
          hasCount && hasMinRank
            ? { count: whole(`${at}.legs.count`, row.legsCount), minRank: whole(`${at}.legs.minRank`, row.legsMinRank) }
            : null,
        unilevelDepth: whole(`${at}.unilevelDepth`, row.unilevelDepth),
        advancementBonus: read(`${at}.advancementBonus`, row.advancementBonus, moneyToCents, t('cm.plan.err.money')),
      };
    }),
  };
  return { document, errors };
}

// --- messages -------------------------------------------------------------------------------

/**
 * A message in the admin's language for a schema rule broken at a path; the schema's own words
 * (English) when no better one is known.
 */
export function planIssueMessage(
  path: string,
  code: string | undefined,
  fallback: string,
  limits: { minimum?: number | undefined; maximum?: number | undefined } = {},
): string {
  const field = path.split('.').pop() ?? '';
  if (code === 'custom') {
    if (field === 'rank') return t('cm.plan.err.rankOrder');
    if (field === 'minRank') return t('cm.plan.err.minRank');
  }
  if (code === 'too_small') {
    if (field === 'name') return t('cm.plan.err.required');
    if (field === 'ranks') return t('cm.plan.err.oneRank');
    if (limits.minimum !== undefined) return t('cm.plan.err.min', { min: limits.minimum });
  }
  if (code === 'too_big' && limits.maximum !== undefined) {
    return path.includes('RatesBp') ? t('cm.plan.err.maxPercent') : t('cm.plan.err.max', { max: limits.maximum });
  }
  if (code === 'invalid_type' || code === 'invalid_format') return t('cm.plan.err.whole');
  return fallback.replace(/^[\w.]+:\s*/, '');
}

/** The browser's check: the form's own reading errors first, then the schema's, one per field. */
export function validatePlanForm(form: PlanForm): { document: PlanDocument; errors: FieldErrors } {
  const { document, errors } = formToDocument(form);
  if (!form.name.trim()) errors.name = t('cm.plan.err.required');
  const parsed = PlanSchema.safeParse(document);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = ['document', ...issue.path.map(String)].join('.');
      if (errors[path]) continue;
      const limits = issue as { minimum?: number | bigint; maximum?: number | bigint };
      errors[path] = planIssueMessage(path, issue.code, issue.message, {
        minimum: limits.minimum === undefined ? undefined : Number(limits.minimum),
        maximum: limits.maximum === undefined ? undefined : Number(limits.maximum),
      });
    }
  }
  // The schema's cross-rank rules run only once every rank reads; check the order here as well.
  if (!Object.keys(errors).some((path) => path.endsWith('.rank'))) {
    document.ranks.forEach((rank, i) => {
      const previous = document.ranks[i - 1];
      if ((i === 0 && rank.rank !== 1) || (previous && rank.rank <= previous.rank))
        errors[`document.ranks.${i}.rank`] = t('cm.plan.err.rankOrder');
    });
  }
  return { document, errors };
}

/** The server's details (`body.document.ranks.2.gv`) as the form's field errors. */
export function serverPlanErrors(details: readonly ErrorDetail[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const detail of details) {
    if (!detail.field) continue;
    const path = detail.field.replace(/^body\./, '');
    if (errors[path]) continue;
    const numbers = /(\d+)/.exec(detail.message.replace(/^[\w.]+:\s*/, ''))?.[1];
    const limit = numbers === undefined ? undefined : Number(numbers);
    errors[path] = planIssueMessage(path, detail.rule, detail.message, {
      minimum: detail.rule === 'too_small' ? limit : undefined,
      maximum: detail.rule === 'too_big' ? limit : undefined,
    });
  }
  return errors;
}

/** Where each error of a rank row is: `ranks.2` -> fields with problems, to mark the row. */
export function rowErrors(errors: FieldErrors, prefix: string): FieldErrors {
  const out: FieldErrors = {};
  for (const [path, message] of Object.entries(errors))
    if (path.startsWith(`${prefix}.`)) out[path.slice(prefix.length + 1)] = message;
  return out;
}

/** The id of the input of a document path: `document.ranks.2.gv` -> `plan-document-ranks-2-gv`. */
export const fieldId = (path: string) => `plan-${path.replace(/\./g, '-')}`;

const RANK_FIELD_LABELS: Record<string, MessageKey> = {
  rank: 'cm.plan.col.rank',
  name: 'cm.plan.col.name',
  pv: 'cm.plan.col.pv',
  gv: 'cm.plan.col.gv',
  maxLegPct: 'cm.plan.col.maxLegPct',
  activeEnrolled: 'cm.plan.col.activeEnrolled',
  'legs.count': 'cm.plan.col.legsCount',
  'legs.minRank': 'cm.plan.col.legsMinRank',
  unilevelDepth: 'cm.plan.col.unilevelDepth',
  advancementBonus: 'cm.plan.col.advancementBonus',
};

/** The name of the field at a path, as its input is labelled: for the error summary. */
export function fieldLabel(path: string, form: PlanForm): string {
  if (path === 'name') return t('cm.plan.name');
  if (path === 'notes') return t('cm.plan.notes');
  if (path === 'document.activePv') return t('cm.plan.activePv');
  if (path === 'document.ranks') return t('cm.plan.ranksTitle');
  const paidIn = /^document\.bonusPeriods\.(\w+)$/.exec(path);
  if (paidIn) return t('cm.plan.paidIn', { bonus: bonusLabel(paidIn[1]!) });
  const rate = /^document\.(unilevel|fastStart)RatesBp\.(\d+)$/.exec(path);
  if (rate) return t('cm.plan.levelRate', { bonus: bonusLabel(rate[1]!), level: Number(rate[2]) + 1 });
  const rank = /^document\.ranks\.(\d+)\.(.+)$/.exec(path);
  const key = rank ? RANK_FIELD_LABELS[rank[2]!] : undefined;
  if (rank && key) {
    const row = Number(rank[1]);
    return t('cm.plan.cellLabel', {
      field: t(key),
      row: row + 1,
      name: form.ranks[row]?.name || t('cm.plan.unnamed'),
    });
  }
  return path;
}

/** A plan's editor, with the period to run the what-if on when one was chosen. */
export const planHref = (id: string, period?: string | null) =>
  `/admin/plans/${encodeURIComponent(id)}${period ? `?period=${encodeURIComponent(period)}` : ''}`;

/** Whether two forms describe the same plan (row keys aside): unsaved changes. */
export function sameForm(a: PlanForm, b: PlanForm): boolean {
  const strip = (form: PlanForm) =>
    JSON.stringify({
      ...form,
      unilevel: form.unilevel.map((r) => r.percent),
      fastStart: form.fastStart.map((r) => r.percent),
      ranks: form.ranks.map(({ key: _key, ...rest }) => rest),
    });
  return strip(a) === strip(b);
}
