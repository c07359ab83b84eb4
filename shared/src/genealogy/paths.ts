/**
 * Pure rules over the two trees. A member carries its ancestors (root first)
 * for both trees, so "is X in my downline" and "would this move make a cycle"
 * are answered from one profile read.
 */
export type Tree = 'placement' | 'enroller';

export interface TreePaths {
  id: string;
  sponsorPath: readonly string[];
  placementPath: readonly string[];
}

export const pathOf = (member: TreePaths, tree: Tree) =>
  tree === 'placement' ? member.placementPath : member.sponsorPath;

/** Is `member` below `uplineId` in the given tree (the member itself excluded)? */
export function isBelow(member: TreePaths, uplineId: string, tree: Tree): boolean {
  return pathOf(member, tree).includes(uplineId);
}

/** The viewer itself, or anyone below it in either tree. */
export function isSelfOrDownline(member: TreePaths, viewerId: string): boolean {
  return member.id === viewerId || isBelow(member, viewerId, 'placement') || isBelow(member, viewerId, 'enroller');
}

/** Level of `member` below `uplineId` (1 = direct child), or null when it is not below. */
export function levelBelow(member: TreePaths, uplineId: string, tree: Tree): number | null {
  const path = pathOf(member, tree);
  const index = path.lastIndexOf(uplineId);
  return index === -1 ? null : path.length - index;
}

/** One downline-index entry per placement ancestor: (upline, level). */
export function downlineEntries(member: Pick<TreePaths, 'placementPath'>): { uplineId: string; level: number }[] {
  const path = member.placementPath;
  return path.map((uplineId, index) => ({ uplineId, level: path.length - index }));
}

/** Ancestors whose entries a move must remove and add (unchanged ancestors keep theirs, at a new level maybe). */
export function pathChange(before: readonly string[], after: readonly string[]) {
  const beforeSet = new Set(before);
  const afterSet = new Set(after);
  return {
    removed: before.filter((id) => !afterSet.has(id)),
    added: after.filter((id) => !beforeSet.has(id)),
  };
}
