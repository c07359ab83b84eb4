import { DEFAULT_PLAN } from '@arbor/shared/commissions/plan';

/** The name of a rank in the plan in force (the default plan until plans are stored). */
export function rankName(rank: number): string {
  return DEFAULT_PLAN.ranks.find((r) => r.rank === rank)?.name ?? `Rank ${rank}`;
}
