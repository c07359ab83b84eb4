import { DEFAULT_PLAN } from '@arbor/shared/commissions/plan';
import { cachedValue } from '../lib/parameters.js';
import { activePlan } from './plans.js';

type RankNames = { rank: number; name: string }[];

/** The active plan's ranks, read at most once a minute by a warm function (lib/parameters.ts). */
const planRanks = cachedValue<RankNames>('rank-names', 60, async () =>
  (await activePlan()).document.ranks.map(({ rank, name }) => ({ rank, name })),
);

let names = new Map(DEFAULT_PLAN.ranks.map((r) => [r.rank, r.name]));

/**
 * Handlers that show rank names call this first; then rankName and rankList
 * answer from the plan in force (the default plan's names until then).
 */
export async function loadRankNames(): Promise<void> {
  names = new Map((await planRanks()).map((r) => [r.rank, r.name]));
}

/** The name of a rank in the plan in force. */
export function rankName(rank: number): string {
  return names.get(rank) ?? `Rank ${rank}`;
}

/** Every rank of the plan in force, lowest first. */
export function rankList(): { rank: number; name: string }[] {
  return [...names].map(([rank, name]) => ({ rank, name })).sort((a, b) => a.rank - b.rank);
}
