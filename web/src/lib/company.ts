/**
 * What the forms need to know of the company: its markets and membership levels. Read from
 * `GET /api/company`; until that route answers (older API), the demo data's markets and the
 * default levels stand in, so the forms keep working.
 */
import { DEFAULT_PLAN } from '@arbor/shared/commissions/plan';
import { DEFAULT_LEVELS, type Market, type MembershipLevel } from '@arbor/shared/company';
import type { Currency } from '@arbor/shared/money';
import { api, ApiError } from './api';

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

export interface RankName {
  rank: number;
  name: string;
}

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

interface CompanyResponse {
  name: string;
  placementWindowDays: number;
  markets: Market[];
  membershipLevels: MembershipLevel[];
  payoutCurrency: Currency;
  ranks: RankName[];
}

export function loadCompany(): Promise<CompanyInfo> {
  cached ??= api<CompanyResponse>('/company')
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

/** The level's name, or its code when the company does not list it. */
export const levelName = (levels: readonly MembershipLevel[], code: string) =>
  levels.find((level) => level.code === code)?.name ?? code;
