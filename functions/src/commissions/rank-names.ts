import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { DEFAULT_PLAN } from '@arbor/shared/commissions/plan';
import { keys } from '@arbor/shared/keys';
import { db } from '../lib/aws.js';
import { env } from '../lib/env.js';

let names = new Map(DEFAULT_PLAN.ranks.map((r) => [r.rank, r.name]));
let loadedAt = 0;

/** The name of a rank in the plan in force (refreshed by `loadRankNames`, at most once a minute). */
export function rankName(rank: number): string {
  return names.get(rank) ?? `Rank ${rank}`;
}

/** Every rank of the plan in force, lowest first. */
export function rankList(): { rank: number; name: string }[] {
  return [...names].map(([rank, name]) => ({ rank, name })).sort((a, b) => a.rank - b.rank);
}

/** Reads the active plan's rank names; handlers that show ranks call it first. */
export async function loadRankNames(): Promise<void> {
  if (Date.now() - loadedAt < 60_000) return;
  loadedAt = Date.now();
  const pointer = await db().send(new GetCommand({ TableName: env.tableName(), Key: keys.activePlan() }));
  if (!pointer.Item) return;
  const plan = await db().send(
    new GetCommand({ TableName: env.tableName(), Key: keys.plan(pointer.Item.planId as string) }),
  );
  const ranks = (plan.Item?.document as { ranks?: { rank: number; name: string }[] } | undefined)?.ranks;
  if (ranks) names = new Map(ranks.map((r) => [r.rank, r.name]));
}
