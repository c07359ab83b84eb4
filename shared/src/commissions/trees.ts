/**
 * Tree helpers over parent arrays (`parent[i]` is a member index or -1 for a root).
 * Everything here is iterative and linear: a chain of a million members is valid input.
 */

/** A breadth-first numbering of a placement forest, roots first. */
export interface BreadthFirstOrder {
  /** Input index of the member numbered i. */
  readonly inputIndex: Int32Array;
  /** Number of the member at input index i. */
  readonly numberOf: Int32Array;
  /** In the new numbering, the children of member v are the members childStart[v] .. childStart[v + 1] - 1. */
  readonly childStart: Int32Array;
  /** Largest number of children any member has (sizes scratch buffers). */
  readonly maxChildren: number;
}

/**
 * A member that lies on a cycle of `parent`, or -1 when the parent links form a forest.
 * Each walk climbs until it meets a root, a member settled by an earlier walk, or a
 * member of its own walk (a cycle); every member is climbed through once.
 */
export function findMemberOnCycle(parent: Int32Array): number {
  const n = parent.length;
  // 0 = not seen; i + 1 = on the walk that started at i; -1 = known to reach a root.
  const seen = new Int32Array(n);
  for (let start = 0; start < n; start++) {
    if (seen[start] !== 0) continue;
    const walk = start + 1;
    let v = start;
    while (v !== -1 && seen[v] === 0) {
      seen[v] = walk;
      v = parent[v]!;
    }
    if (v !== -1 && seen[v] === walk) return v;
    for (let u = start; u !== -1 && seen[u] === walk; u = parent[u]!) seen[u] = -1;
  }
  return -1;
}

/** The members of the cycle through `member`, starting from its lowest index (for messages). */
export function cycleThrough(parent: Int32Array, member: number): number[] {
  const cycle = [member];
  for (let v = parent[member]!; v !== member; v = parent[v]!) cycle.push(v);
  let lowest = 0;
  for (let i = 1; i < cycle.length; i++) if (cycle[i]! < cycle[lowest]!) lowest = i;
  return [...cycle.slice(lowest), ...cycle.slice(0, lowest)];
}

/**
 * Numbers an acyclic placement forest breadth first. In that numbering every
 * parent comes before its children and each member's children are consecutive,
 * so the engine settles a subtree with one backward pass over plain arrays and
 * reads neighbours that sit next to each other in memory.
 */
export function breadthFirstOrder(placement: Int32Array): BreadthFirstOrder {
  const n = placement.length;
  // Children lists in input numbering (CSR).
  const start = new Int32Array(n + 1);
  for (let v = 0; v < n; v++) {
    const p = placement[v]!;
    if (p !== -1) start[p + 1]!++;
  }
  let maxChildren = 0;
  for (let v = 0; v < n; v++) {
    if (start[v + 1]! > maxChildren) maxChildren = start[v + 1]!;
    start[v + 1]! += start[v]!;
  }
  const children = new Int32Array(n);
  const fill = start.slice(0, n);
  for (let v = 0; v < n; v++) {
    const p = placement[v]!;
    if (p !== -1) children[fill[p]!++] = v;
  }

  const inputIndex = new Int32Array(n);
  const childStart = new Int32Array(n + 1);
  let tail = 0;
  for (let v = 0; v < n; v++) if (placement[v] === -1) inputIndex[tail++] = v;
  for (let head = 0; head < tail; head++) {
    const v = inputIndex[head]!;
    childStart[head] = tail;
    for (let c = start[v]!, end = start[v + 1]!; c < end; c++) inputIndex[tail++] = children[c]!;
  }
  if (tail !== n) throw new Error('breadthFirstOrder: the placement links contain a cycle');
  childStart[n] = n;
  const numberOf = new Int32Array(n);
  for (let i = 0; i < n; i++) numberOf[inputIndex[i]!] = i;
  return { inputIndex, numberOf, childStart, maxChildren };
}
