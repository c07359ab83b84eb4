/**
 * The tree viewer's state, shared by the chart (SVG) and the list view: which member is at the
 * top, which nodes are open, and their children as loaded so far (a page of 50 at a time).
 * Nothing is fetched until a node is opened.
 */
import { ApiError, call } from './api';
import type { Breadcrumb, TreeKind, TreeNode } from './genealogy';

export const CHILD_PAGE = 50;

export interface TreeEntry {
  node: TreeNode;
  /** Loaded children in the API's order; null until first opened. */
  childIds: string[] | null;
  /** Where the next page of children starts; null when all are loaded. */
  cursor: string | null;
  expanded: boolean;
  loading: boolean;
  failed: boolean;
}

/** A row of the tree as shown: a member, or the "more" item at the end of a partly loaded family. */
export type VisibleItem =
  | { type: 'member'; id: string; parentId: string | null; depth: number; position: number; siblings: number }
  | {
      type: 'more';
      id: string;
      parentId: string;
      depth: number;
      position: number;
      siblings: number;
      remaining: number;
    };

export const moreId = (parentId: string) => `more:${parentId}`;

export class TreeModel {
  kind = $state<TreeKind>('placement');
  topId = $state<string | null>(null);
  breadcrumb = $state.raw<Breadcrumb[]>([]);
  entries = $state<Record<string, TreeEntry>>({});
  loading = $state(false);
  error = $state<'not_found' | 'failed' | null>(null);
  #generation = 0;

  get top(): TreeEntry | null {
    return this.topId ? (this.entries[this.topId] ?? null) : null;
  }

  /** Puts `memberId` (or `me`) at the top of the `kind` tree and opens its first level. */
  async show(kind: TreeKind, memberId: string): Promise<void> {
    const generation = ++this.#generation;
    this.loading = true;
    this.error = null;
    try {
      const answer = await call('genealogy.node', { params: { tree: kind, id: memberId } });
      if (generation !== this.#generation) return;
      this.kind = kind;
      this.entries = { [answer.node.id]: this.#entry(answer.node) };
      this.breadcrumb = answer.breadcrumb;
      this.topId = answer.node.id;
      if (answer.node.childCount > 0) await this.expand(answer.node.id);
    } catch (error) {
      if (generation !== this.#generation) return;
      this.error = error instanceof ApiError && error.status === 404 ? 'not_found' : 'failed';
    } finally {
      if (generation === this.#generation) this.loading = false;
    }
  }

  #entry(node: TreeNode): TreeEntry {
    return { node, childIds: null, cursor: null, expanded: false, loading: false, failed: false };
  }

  async #loadChildren(id: string): Promise<void> {
    const entry = this.entries[id];
    if (!entry || entry.loading) return;
    const generation = this.#generation;
    entry.loading = true;
    entry.failed = false;
    try {
      const page = await call('genealogy.children', {
        params: { tree: this.kind, id },
        query: { limit: CHILD_PAGE, cursor: entry.childIds ? (entry.cursor ?? undefined) : undefined },
      });
      if (generation !== this.#generation) return;
      for (const child of page.items) this.entries[child.id] ??= this.#entry(child);
      // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local lookup, not state
      const known = new Set(entry.childIds ?? []);
      entry.childIds = [...(entry.childIds ?? []), ...page.items.map((c) => c.id).filter((c) => !known.has(c))];
      entry.cursor = page.cursor;
    } catch {
      if (generation === this.#generation) entry.failed = true;
    } finally {
      entry.loading = false;
    }
  }

  async expand(id: string): Promise<void> {
    const entry = this.entries[id];
    if (!entry || entry.node.childCount === 0) return;
    entry.expanded = true;
    if (entry.childIds === null || entry.failed) await this.#loadChildren(id);
  }

  collapse(id: string): void {
    const entry = this.entries[id];
    if (entry) entry.expanded = false;
  }

  toggle(id: string): Promise<void> {
    const entry = this.entries[id];
    if (entry?.expanded) {
      this.collapse(id);
      return Promise.resolve();
    }
    return this.expand(id);
  }

  loadMore(parentId: string): Promise<void> {
    return this.#loadChildren(parentId);
  }

  /** Children as shown: the loaded ones, then a "more" item if the family is only partly loaded. */
  shownChildren(id: string): VisibleItem[] {
    const entry = this.entries[id];
    if (!entry?.expanded || !entry.childIds) return [];
    const depth = 0;
    const ids = entry.childIds;
    const siblings = ids.length + (entry.cursor ? 1 : 0);
    const items: VisibleItem[] = ids.map((childId, position) => ({
      type: 'member',
      id: childId,
      parentId: id,
      depth,
      position,
      siblings,
    }));
    if (entry.cursor) {
      items.push({
        type: 'more',
        id: moreId(id),
        parentId: id,
        depth,
        position: ids.length,
        siblings,
        remaining: Math.max(0, entry.node.childCount - ids.length),
      });
    }
    return items;
  }

  /** Every shown row, depth first (the list view's order and its arrow keys). */
  visible(): VisibleItem[] {
    const top = this.topId;
    if (!top || !this.entries[top]) return [];
    const out: VisibleItem[] = [];
    const stack: VisibleItem[] = [{ type: 'member', id: top, parentId: null, depth: 0, position: 0, siblings: 1 }];
    while (stack.length) {
      const item = stack.pop()!;
      out.push(item);
      if (item.type === 'member') {
        const children = this.shownChildren(item.id).map((child) => ({ ...child, depth: item.depth + 1 }));
        for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
      }
    }
    return out;
  }
}
