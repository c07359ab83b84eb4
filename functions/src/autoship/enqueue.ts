import { dayKey } from '@arbor/shared/time';
import { DEFAULT_SETTINGS } from '@arbor/shared/company';
import type { AutoshipMessage } from '@arbor/shared/orders/autoship';
import { getCompanySettings } from '../company/repository.js';
import { sendMessages } from '../lib/queues.js';
import { logger } from '../lib/logger.js';
import { dueOn } from './repository.js';

export interface EnqueueEvent {
  /** EventBridge Scheduler's time of the run; its company-local date is the night to process. */
  scheduledTime?: string;
  /** Or a date directly (the CLI): `YYYY-MM-DD`. */
  date?: string;
}

/**
 * The nightly job: every active autoship due on the night's date goes on the
 * autoship queue (ten per request). Running it twice enqueues twice, which is
 * harmless: the consumer skips a run that is no longer due.
 */
export async function handler(event: EnqueueEvent): Promise<{ date: string; enqueued: number }> {
  const settings = await getCompanySettings();
  const timeZone = settings?.timeZone ?? DEFAULT_SETTINGS.timeZone;
  const date = event.date ?? dayKey(new Date(event.scheduledTime ?? Date.now()), timeZone);
  let enqueued = 0;
  let cursor: string | undefined;
  do {
    const page = await dueOn(date, 500, cursor);
    await sendMessages(
      'autoship',
      page.items.map((due) => ({ ...due, dueDate: date }) satisfies AutoshipMessage),
    );
    enqueued += page.items.length;
    cursor = page.cursor ?? undefined;
  } while (cursor);
  logger.info('autoships enqueued', { date, enqueued });
  return { date, enqueued };
}
