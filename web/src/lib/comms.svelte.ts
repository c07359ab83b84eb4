/**
 * A list of broadcasts (a partner's own, or the company's announcements) kept up to date while the
 * page is open: the ones still moving are asked about again every 2 seconds until they finish.
 */
import type { BroadcastView } from '@arbor/shared/comms/model';
import { call } from './api';
import { inProgress } from './comms';
import { formError } from './forms';

export type BroadcastKind = 'team' | 'company';

const PAGE = 100;
const POLL_MS = 2000;

export class BroadcastList {
  items = $state.raw<BroadcastView[]>([]);
  loading = $state(true);
  failed = $state(false);
  /** The next page's cursor; null when every broadcast is shown. */
  cursor = $state<string | null>(null);
  /** A cancel the server refused, in the member's words. */
  actionError = $state('');

  #timer: ReturnType<typeof setTimeout> | undefined;
  #stopped = false;

  constructor(private readonly kind: BroadcastKind) {}

  #page(cursor: string | undefined) {
    const query = { limit: PAGE, ...(cursor ? { cursor } : {}) };
    return this.kind === 'team' ? call('comms.listBroadcasts', { query }) : call('comms.listAnnouncements', { query });
  }

  /** The first page again, then following the ones in progress. */
  async load(): Promise<void> {
    this.loading = true;
    try {
      const page = await this.#page(undefined);
      this.items = page.items;
      this.cursor = page.cursor;
      this.failed = false;
    } catch {
      this.failed = true;
    } finally {
      this.loading = false;
    }
    this.#schedule();
  }

  async more(): Promise<void> {
    if (!this.cursor || this.loading) return;
    this.loading = true;
    try {
      const page = await this.#page(this.cursor);
      const known = this.items.map((item) => item.id);
      this.items = [...this.items, ...page.items.filter((item) => !known.includes(item.id))];
      this.cursor = page.cursor;
    } catch {
      this.failed = true;
    } finally {
      this.loading = false;
    }
  }

  /** Puts a broadcast in place of its older copy, or first when it is new; follows it if it is moving. */
  put(broadcast: BroadcastView): void {
    const known = this.items.some((item) => item.id === broadcast.id);
    this.items = known
      ? this.items.map((item) => (item.id === broadcast.id ? broadcast : item))
      : [broadcast, ...this.items];
    this.#schedule();
  }

  async cancel(broadcast: BroadcastView): Promise<void> {
    this.actionError = '';
    try {
      this.put((await call('comms.cancelBroadcast', { params: { id: broadcast.id } })).broadcast);
    } catch (caught) {
      this.actionError = formError(caught);
      // It may have started meanwhile: show what it is now.
      await this.#refresh(broadcast.id);
    }
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
  }

  async #refresh(id: string): Promise<void> {
    try {
      this.put((await call('comms.getBroadcast', { params: { id } })).broadcast);
    } catch {
      // Asked again on the next round.
    }
  }

  #schedule(): void {
    if (this.#stopped || this.#timer !== undefined) return;
    if (!this.items.some((item) => inProgress(item))) return;
    this.#timer = setTimeout(async () => {
      const moving = this.items.filter((item) => inProgress(item));
      await Promise.all(moving.map((item) => this.#refresh(item.id)));
      this.#timer = undefined;
      this.#schedule();
    }, POLL_MS);
  }
}
