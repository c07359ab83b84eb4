/**
 * The state Admin → Integrations keeps: a list loaded once and then kept up to date with what the
 * page changes, and a form that sends one request.
 */
import { tick } from 'svelte';
import { apiFieldErrors, focusFirstInvalid, formError, type FieldErrors } from './forms';

export class Listing<T> {
  items = $state.raw<T[]>([]);
  loading = $state(true);
  failed = $state(false);

  constructor(
    private readonly fetchAll: () => Promise<T[]>,
    private readonly same: (a: T, b: T) => boolean,
  ) {}

  async load(): Promise<void> {
    this.loading = true;
    try {
      this.items = await this.fetchAll();
      this.failed = false;
    } catch {
      this.failed = true;
    } finally {
      this.loading = false;
    }
  }

  /** Puts an item in place of its older copy, or first when it is new. */
  put(item: T): void {
    const known = this.items.some((other) => this.same(other, item));
    this.items = known ? this.items.map((other) => (this.same(other, item) ? item : other)) : [item, ...this.items];
  }

  drop(item: T): void {
    this.items = this.items.filter((other) => !this.same(other, item));
  }
}

/** A form that sends one request: busy while it does, field errors (its own checks or the server's), a form error. */
export class FormState {
  busy = $state(false);
  errors = $state<FieldErrors>({});
  error = $state('');

  reset(): void {
    this.errors = {};
    this.error = '';
  }

  /**
   * Refuses the fields `problems` names (focusing the first), else sends once; the server's field
   * errors land on their fields. The answer, or null when nothing was sent or it failed.
   */
  async submit<R>(problems: FieldErrors, send: () => Promise<R>): Promise<R | null> {
    if (this.busy) return null;
    this.reset();
    if (Object.keys(problems).length > 0) {
      this.errors = problems;
      await tick();
      focusFirstInvalid(document.querySelector<HTMLElement>('dialog[open]') ?? document.body);
      return null;
    }
    this.busy = true;
    try {
      return await send();
    } catch (caught) {
      this.errors = apiFieldErrors(caught);
      if (Object.keys(this.errors).length === 0) this.error = formError(caught);
      return null;
    } finally {
      this.busy = false;
    }
  }
}
