/**
 * Cursor paging for a server-mode DataTable: keeps the cursor of every page seen so "Previous"
 * works with APIs that only return a next cursor, cancels a stale request when a newer one
 * starts, and fetches every page for an export.
 *
 *   const pager = new CursorPager<Order>(({ cursor, limit, sort, filter, signal }) =>
 *     call('orders.listOrders', { query: { cursor, limit, sort: sort?.key, dir: sort?.direction, q: filter.query } }));
 *   $effect(() => void pager.load());
 *   <DataTable rows={pager.rows} loading={pager.loading} server={pager} exportRows={pager.exportAll} ... />
 */
import type { ExportProvider, RowFilter, ServerPaging, SortState } from './table';

export interface PageRequest {
  cursor: string | null;
  limit: number;
  sort: SortState | null;
  filter: RowFilter;
  /** Aborted when a newer request replaces this one, or when an export is canceled. */
  signal: AbortSignal;
}

export interface PageResult<Row> {
  items: Row[];
  cursor: string | null;
  /** Total matching rows, when the API can count them cheaply. */
  total?: number | null;
}

export type PageFetcher<Row> = (request: PageRequest) => Promise<PageResult<Row>>;

export interface CursorPagerOptions {
  pageSize?: number;
  /** Rows per request while exporting; larger pages mean fewer round trips. */
  exportPageSize?: number;
  sort?: SortState | null;
}

export class CursorPager<Row> implements ServerPaging {
  rows = $state.raw<Row[]>([]);
  loading = $state(false);
  error = $state.raw<Error | null>(null);
  pageIndex = $state(0);
  total = $state<number | null>(null);

  #next = $state<string | null>(null);
  #cursors: (string | null)[] = [null];
  #sort: SortState | null;
  #filter: RowFilter = { query: '', selects: {} };
  #limit: number;
  #exportLimit: number;
  #controller: AbortController | null = null;
  #fetchPage: PageFetcher<Row>;

  constructor(fetchPage: PageFetcher<Row>, options: CursorPagerOptions = {}) {
    this.#fetchPage = fetchPage;
    this.#limit = options.pageSize ?? 25;
    this.#exportLimit = options.exportPageSize ?? 500;
    this.#sort = options.sort ?? null;
  }

  get hasMore(): boolean {
    return this.#next !== null;
  }

  get hasPrevious(): boolean {
    return this.pageIndex > 0;
  }

  get sort(): SortState | null {
    return this.#sort;
  }

  /** Loads page `index` (0 = first) of the current sort and filter. */
  async load(index = 0): Promise<void> {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.loading = true;
    try {
      const page = await this.#fetchPage({
        cursor: this.#cursors[index] ?? null,
        limit: this.#limit,
        sort: this.#sort,
        filter: this.#filter,
        signal: controller.signal,
      });
      if (controller.signal.aborted) return;
      this.rows = page.items;
      this.#next = page.cursor;
      this.#cursors[index + 1] = page.cursor;
      this.pageIndex = index;
      this.total = page.total ?? null;
      this.error = null;
    } catch (caught) {
      if (controller.signal.aborted) return;
      this.error = caught instanceof Error ? caught : new Error(String(caught));
    } finally {
      if (this.#controller === controller) {
        this.loading = false;
        this.#controller = null;
      }
    }
  }

  reload = (): Promise<void> => this.load(this.pageIndex);

  #restart(): Promise<void> {
    this.#cursors = [null];
    this.#next = null;
    return this.load(0);
  }

  onNext = (): Promise<void> | undefined => (this.hasMore ? this.load(this.pageIndex + 1) : undefined);
  onPrevious = (): Promise<void> => this.load(Math.max(0, this.pageIndex - 1));

  onSort = (sort: SortState | null): Promise<void> => {
    this.#sort = sort;
    return this.#restart();
  };

  onFilter = (filter: RowFilter): Promise<void> => {
    this.#filter = filter;
    return this.#restart();
  };

  onPageSize = (size: number): Promise<void> => {
    this.#limit = size;
    return this.#restart();
  };

  /** Every row of the current sort and filter, page after page, for DataTable's export buttons. */
  exportAll: ExportProvider<Row> = async (progress, signal) => {
    const all: Row[] = [];
    let cursor: string | null = null;
    do {
      const page: PageResult<Row> = await this.#fetchPage({
        cursor,
        limit: this.#exportLimit,
        sort: this.#sort,
        filter: this.#filter,
        signal,
      });
      signal.throwIfAborted();
      all.push(...page.items);
      cursor = page.cursor;
      progress(all.length, page.total ?? this.total);
    } while (cursor);
    return all;
  };
}

/**
 * A list that grows a page at a time ("Older entries"), for logs read newest first:
 *
 *   const log = new GrowingList<Entry>(() => `/members/${id}/log`, 25);
 *   $effect(() => void log.load());
 *   <button onclick={() => log.load(true)} disabled={log.loading}>…</button>
 */
export class GrowingList<Row> {
  items = $state.raw<Row[]>([]);
  cursor = $state<string | null>(null);
  loading = $state(true);
  failed = $state(false);

  constructor(
    /** One page of the list (a `call` of a paged route with this query). */
    private readonly fetchPage: (query: {
      limit: number;
      cursor?: string;
    }) => Promise<{ items: Row[]; cursor: string | null }>,
    private readonly limit = 20,
  ) {}

  /** The first page, or with `more` the next one appended. */
  async load(more = false): Promise<void> {
    this.loading = true;
    this.failed = false;
    try {
      const page = await this.fetchPage({ limit: this.limit, cursor: (more && this.cursor) || undefined });
      this.items = more ? [...this.items, ...page.items] : page.items;
      this.cursor = page.cursor;
    } catch {
      this.failed = true;
    } finally {
      this.loading = false;
    }
  }
}
