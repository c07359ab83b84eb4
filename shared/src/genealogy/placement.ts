import type { Role } from '../members/model.js';
import type { TreePaths } from './paths.js';

/** What the placement rules need to know of a member being moved. */
export interface PlacementSubject extends TreePaths {
  kind: 'customer' | 'partner' | 'staff';
  sponsorId: string | null;
  placementId: string | null;
  status: 'active' | 'inactive' | 'canceled';
  enrolledAt: string;
}

export interface PlacementTarget extends TreePaths {
  kind: 'customer' | 'partner' | 'staff';
  status: 'active' | 'inactive' | 'canceled';
}

export type PlacementRefusal =
  | 'not_a_partner'
  | 'not_your_enrollee'
  | 'window_closed'
  | 'target_not_partner'
  | 'target_canceled'
  | 'outside_sponsor_downline'
  | 'cycle'
  | 'same_parent'
  | 'reason_required';

export const PLACEMENT_MESSAGES: Record<PlacementRefusal, string> = {
  not_a_partner: 'Only partners are placed in the placement tree.',
  not_your_enrollee: 'Only the sponsor may place a new partner (or support, with a reason).',
  window_closed: 'The placement window has closed; only support can move this member now.',
  target_not_partner: 'The new parent must be a partner.',
  target_canceled: 'The new parent is canceled.',
  outside_sponsor_downline: "The new parent must be the sponsor or in the sponsor's placement downline.",
  cycle: 'A member cannot be placed under itself or anyone in its own downline.',
  same_parent: 'The member is already placed there.',
  reason_required: 'Support and admin moves need a reason for the member log.',
};

export function placementWindowEnds(enrolledAt: string, windowDays: number): Date {
  return new Date(Date.parse(enrolledAt) + windowDays * 86_400_000);
}

/**
 * The rules of a move, in one place: a sponsor may place its own new partner
 * within the window anywhere in its own placement downline; support and admin
 * may move anyone anywhere, with a reason. Nobody may make a cycle.
 */
export function checkPlacement(input: {
  actor: { id: string; role: Role };
  subject: PlacementSubject;
  target: PlacementTarget;
  windowDays: number;
  reason?: string | undefined;
  now?: Date;
}): PlacementRefusal | null {
  const { actor, subject, target } = input;
  const now = input.now ?? new Date();
  const staff = actor.role === 'support' || actor.role === 'admin';
  if (subject.kind !== 'partner') return 'not_a_partner';
  if (target.kind !== 'partner') return 'target_not_partner';
  if (target.status === 'canceled') return 'target_canceled';
  if (target.id === subject.id || target.placementPath.includes(subject.id)) return 'cycle';
  if (target.id === subject.placementId) return 'same_parent';
  if (staff) return input.reason && input.reason.trim().length >= 3 ? null : 'reason_required';
  if (subject.sponsorId !== actor.id) return 'not_your_enrollee';
  if (now.getTime() > placementWindowEnds(subject.enrolledAt, input.windowDays).getTime()) return 'window_closed';
  const sponsor = actor.id;
  if (target.id !== sponsor && !target.placementPath.includes(sponsor)) return 'outside_sponsor_downline';
  return null;
}
