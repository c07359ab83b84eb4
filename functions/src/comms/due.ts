import { logger } from '../lib/logger.js';
import { kickFanout } from './broadcasts.js';
import { dueBroadcasts } from './repository.js';

/** At most this many broadcasts are kicked a minute (the rest wait for the next minute). */
const PER_RUN = 200;

/**
 * Every minute (EventBridge Scheduler): each broadcast whose send time has
 * come goes to the fan-out, and so does each fan-out still under way, so one
 * whose worker died for good (its message in the dead-letter queue) is taken
 * over after a few minutes (fanout.ts ignores a kick for a live one). Kicking
 * twice is harmless: the fan-out moves a broadcast on once.
 */
export async function handler(event: { scheduledTime?: string } = {}): Promise<{ kicked: number }> {
  const now = new Date(event.scheduledTime ?? Date.now());
  const due = await dueBroadcasts(new Date(Math.max(now.getTime(), Date.now())).toISOString(), PER_RUN);
  for (const broadcast of due) await kickFanout(broadcast.id);
  if (due.length > 0) logger.info('due broadcasts sent to the fan-out', { count: due.length });
  return { kicked: due.length };
}
