/**
 * What the forms need to know of the company: its markets and membership levels. Read from
 * `GET /api/company`; until that route answers (older API), the demo data's markets and the
 * default levels stand in, so the forms keep working.
 */
import { DEFAULT_PLAN } from '@arbor/shared/commissions/plan';
import { DEFAULT_LEVELS, type Market, type MembershipLevel } from '@arbor/shared/company';
import type { Currency } from '@arbor/shared/money';
import { ApiError, call, type Response } from './api';
import { hasMessage, t } from './i18n/index.svelte';

export interface CompanyInfo {
  name: string;
  markets: Market[];
  levels: MembershipLevel[];
  placementWindowDays: number;
  /** The currency commissions are paid in. */
  payoutCurrency: Currency;
  /** The ranks of the plan in force, lowest first. */
  ranks: RankName[];
}

/** A rank of the plan in force, as GET /api/company sends it. */
export type RankName = Response<'system.company'>['ranks'][number];

const FALLBACK: CompanyInfo = {
  name: 'Arbor',
  markets: [
    { code: 'US', name: 'United States', currency: 'USD', language: 'en' },
    { code: 'MX', name: 'México', currency: 'MXN', language: 'es' },
    { code: 'CA', name: 'Canada', currency: 'CAD', language: 'en' },
  ],
  levels: DEFAULT_LEVELS,
  placementWindowDays: 30,
  payoutCurrency: 'USD',
  ranks: DEFAULT_PLAN.ranks.map(({ rank, name }) => ({ rank, name })),
};

let cached: Promise<CompanyInfo> | null = null;

export function loadCompany(): Promise<CompanyInfo> {
  cached ??= call('system.company')
    .then((company) => ({
      name: company.name,
      markets: company.markets,
      levels: company.membershipLevels,
      placementWindowDays: company.placementWindowDays,
      payoutCurrency: company.payoutCurrency,
      ranks: company.ranks,
    }))
    .catch((error: unknown) => {
      cached = null;
      if (error instanceof ApiError && (error.status === 404 || error.status === 403)) return FALLBACK;
      throw error;
    });
  return cached;
}

/** A level's name in the member's language: a default level the company kept as it was is translated (`level.preferred`), a name it chose is shown as written. */
export function levelLabel(level: MembershipLevel): string {
  const key = `level.${level.code}`;
  const kept = DEFAULT_LEVELS.some((standard) => standard.code === level.code && standard.name === level.name);
  return kept && hasMessage(key) ? t(key) : level.name;
}

/** The level's name, or its code when the company does not list it. */
export function levelName(levels: readonly MembershipLevel[], code: string): string {
  const level = levels.find((candidate) => candidate.code === code);
  return level ? levelLabel(level) : code;
}
