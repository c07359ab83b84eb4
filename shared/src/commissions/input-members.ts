import { refuse } from './input-error.js';
import { asRow, describe, unknown, type Row } from './input-fields.js';
import { MemberIndex } from './member-index.js';
import type { Plan } from './plan.js';
import { breadthFirstOrder, cycleThrough, findMemberOnCycle } from './trees.js';

export const STATUS_ACTIVE = 0;
export const STATUS_INACTIVE = 1;
export const STATUS_CANCELED = 2;
const STATUS_CODES: Readonly<Record<string, number>> = {
  active: STATUS_ACTIVE,
  inactive: STATUS_INACTIVE,
  canceled: STATUS_CANCELED,
};
export const STATUS_NAMES = ['active', 'inactive', 'canceled'] as const;

/**
 * Partners and customers (the input's `partners`), one column per field.
 * Members are numbered breadth first in the placement forest, roots first:
 * a placement parent's number is lower than its children's, and the children
 * of v are the members childStart[v] .. childStart[v + 1] - 1.
 */
export interface PreparedMembers {
  readonly count: number;
  readonly ids: readonly string[];
  readonly index: MemberIndex;
  /** Position in the input's `partners` array of each member. */
  readonly inputIndex: Int32Array;
  /** 1 for kind `partner`, 0 for a customer. */
  readonly isPartner: Uint8Array;
  /** STATUS_ACTIVE | STATUS_INACTIVE | STATUS_CANCELED. */
  readonly status: Uint8Array;
  /** Sponsor's number, or -1 for a root of the enroller tree. */
  readonly sponsor: Int32Array;
  /** Placement parent's number, or -1 for a root (every customer is one). */
  readonly placement: Int32Array;
  /** Index in plan.ranks of the highest rank held before the period. */
  readonly highestRankIndex: Int32Array;
  readonly childStart: Int32Array;
  /** Largest number of placement children of any member. */
  readonly maxChildren: number;
}

/** A parent link: absent and null both mean "none". */
function parentIdOf(row: Row, field: 'sponsorId' | 'placementId', index: number): string | null {
  const value = row[field];
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') refuse('partners', index, row.id, 'shape', `${field} must be a string or null`);
  return value;
}

/** Validates the members (input order in every message) and returns them numbered breadth first. */
export function readMembers(rows: readonly unknown[], plan: Plan): PreparedMembers {
  const n = rows.length;
  const rankIndex = new Map(plan.ranks.map((r, i) => [r.rank, i]));
  const ids = new Array<string>(n);
  const isPartner = new Uint8Array(n);
  const status = new Uint8Array(n);
  const highestRankIndex = new Int32Array(n);

  for (let i = 0; i < n; i++) {
    const row = asRow('partners', i, rows[i]);
    const id = row.id;
    if (typeof id !== 'string' || id === '') refuse('partners', i, id, 'shape', 'id must be a non-empty string');
    ids[i] = id;

    const kind = row.kind;
    if (kind === 'partner') isPartner[i] = 1;
    else if (kind !== 'customer') {
      refuse('partners', i, id, 'unknown_kind', `${unknown('kind', kind)} (expected "partner" or "customer")`);
    }
    const code = typeof row.status === 'string' ? STATUS_CODES[row.status] : undefined;
    if (code === undefined) {
      const expected = '(expected "active", "inactive" or "canceled")';
      refuse('partners', i, id, 'unknown_status', `${unknown('status', row.status)} ${expected}`);
    }
    status[i] = code;

    const highest = row.highestRank ?? 1;
    const index = typeof highest === 'number' ? rankIndex.get(highest) : undefined;
    if (index === undefined) {
      refuse('partners', i, id, 'unknown_rank', `highestRank ${describe(highest)} is not one of the plan's ranks`);
    }
    highestRankIndex[i] = index;
  }

  const index = MemberIndex.build(ids, (i, first) =>
    refuse('partners', i, ids[i], 'duplicate_id', `duplicate id (already used by partners[${first}])`),
  );

  const sponsor = new Int32Array(n);
  const placement = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const row = rows[i] as Row;
    const customer = isPartner[i] === 0;
    const sponsorId = parentIdOf(row, 'sponsorId', i);
    const placementId = parentIdOf(row, 'placementId', i);
    if (customer && sponsorId === null) {
      refuse('partners', i, ids[i], 'customer_without_sponsor', "a customer's sponsorId must name a partner");
    }
    if (customer && placementId !== null) {
      refuse(
        'partners',
        i,
        ids[i],
        'customer_placement',
        'a customer has no placement parent (placementId must be null)',
      );
    }
    sponsor[i] = resolveParent(sponsorId, 'sponsorId', i, ids, index, isPartner);
    placement[i] = resolveParent(placementId, 'placementId', i, ids, index, isPartner);
  }

  refuseCycle(sponsor, 'sponsorId', 'sponsor', ids);
  refuseCycle(placement, 'placementId', 'placement', ids);
  return numberBreadthFirst({ ids, index, isPartner, status, sponsor, placement, highestRankIndex });
}

function resolveParent(
  parentId: string | null,
  field: 'sponsorId' | 'placementId',
  i: number,
  ids: readonly string[],
  index: MemberIndex,
  isPartner: Uint8Array,
): number {
  if (parentId === null) return -1;
  const parent = index.get(parentId);
  if (parent === -1) {
    refuse('partners', i, ids[i], 'unknown_reference', `${field} ${JSON.stringify(parentId)} names no partner`);
  }
  if (isPartner[parent] === 0) {
    const role = field === 'sponsorId' ? 'a sponsor' : 'a placement parent';
    refuse(
      'partners',
      i,
      ids[i],
      'customer_parent',
      `${field} ${JSON.stringify(parentId)} names a customer; ${role} must be a partner`,
    );
  }
  return parent;
}

function refuseCycle(parent: Int32Array, field: string, tree: string, ids: readonly string[]): void {
  const member = findMemberOnCycle(parent);
  if (member === -1) return;
  const cycle = cycleThrough(parent, member);
  const first = cycle[0]!;
  const shown = cycle.slice(0, 6).map((v) => ids[v]);
  const path = cycle.length > 6 ? `${shown.join(' -> ')} -> ...` : [...shown, ids[first]].join(' -> ');
  const parentId = JSON.stringify(ids[parent[first]!]);
  refuse('partners', first, ids[first], 'cycle', `${field} ${parentId} closes a cycle in the ${tree} tree (${path})`);
}

interface InputMembers {
  ids: string[];
  index: MemberIndex;
  isPartner: Uint8Array;
  status: Uint8Array;
  sponsor: Int32Array;
  placement: Int32Array;
  highestRankIndex: Int32Array;
}

/** Renumbers validated members breadth first (see PreparedMembers). */
function numberBreadthFirst(input: InputMembers): PreparedMembers {
  const n = input.ids.length;
  const { inputIndex, numberOf, childStart, maxChildren } = breadthFirstOrder(input.placement);
  const ids = new Array<string>(n);
  const isPartner = new Uint8Array(n);
  const status = new Uint8Array(n);
  const sponsor = new Int32Array(n);
  const placement = new Int32Array(n);
  const highestRankIndex = new Int32Array(n);
  for (let v = 0; v < n; v++) {
    const i = inputIndex[v]!;
    ids[v] = input.ids[i]!;
    isPartner[v] = input.isPartner[i]!;
    status[v] = input.status[i]!;
    highestRankIndex[v] = input.highestRankIndex[i]!;
    const s = input.sponsor[i]!;
    sponsor[v] = s === -1 ? -1 : numberOf[s]!;
    const p = input.placement[i]!;
    placement[v] = p === -1 ? -1 : numberOf[p]!;
  }
  input.index.renumber(numberOf);
  return {
    count: n,
    ids,
    index: input.index,
    inputIndex,
    isPartner,
    status,
    sponsor,
    placement,
    highestRankIndex,
    childStart,
    maxChildren,
  };
}
