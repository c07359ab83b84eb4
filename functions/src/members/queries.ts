import { getMembers, partnersInPlacementWindow } from './repository.js';

/**
 * New partners the sponsor may still place: its enrollees (GSI1, by enrollment
 * date) from the last window's worth of days whose window is still open.
 */
export async function placementQueue(sponsorId: string, now = new Date(), maxWindowDays = 365) {
  const since = new Date(now.getTime() - maxWindowDays * 86_400_000).toISOString();
  const members = await partnersInPlacementWindow(sponsorId, since, now.toISOString());
  const parents = new Map(
    (await getMembers(members.map((m) => m.placementId ?? ''))).map((p) => [p.id, p.displayName]),
  );
  return members.map((m) => ({
    id: m.id,
    displayName: m.displayName,
    enrolledAt: m.enrolledAt,
    placementId: m.placementId,
    placementName: m.placementId ? (parents.get(m.placementId) ?? null) : null,
    placementWindowEndsAt: m.placementWindowEndsAt ?? null,
    teamSize: m.teamSize ?? 0,
  }));
}
