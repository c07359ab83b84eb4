import type { LoginEvent, LoginOutcome } from '@arbor/shared/auth/schemas';
import { keys } from '@arbor/shared/keys';
import { putItem, query, queryPage, type Item, type Page } from '../../lib/db.js';
import { epochSeconds, nonce } from '../../lib/ids.js';

/** Login history is kept for a year, then expires by TTL. */
const KEEP_DAYS = 365;

export async function recordLogin(
  memberId: string,
  outcome: LoginOutcome,
  origin: { ip: string; userAgent: string; location?: string | null },
  at = new Date(),
): Promise<void> {
  const iso = at.toISOString();
  await putItem({
    Item: {
      ...keys.loginEvent(memberId, iso, nonce()),
      entity: 'login',
      at: iso,
      ip: origin.ip,
      userAgent: origin.userAgent.slice(0, 400),
      ...(origin.location ? { location: origin.location } : {}),
      outcome,
      expiresAtEpoch: epochSeconds(at) + KEEP_DAYS * 86_400,
    },
  });
}

/** A member's sign-ins, newest first. */
export async function listLogins(memberId: string, limit: number, cursor?: string): Promise<Page<LoginEvent>> {
  const page = await queryPage(
    {
      pk: keys.memberPartition(memberId),
      sk: { beginsWith: keys.loginEventPrefix },
      ScanIndexForward: false,
      Limit: limit,
    },
    cursor,
  );
  return { items: page.items.map(loginOf), cursor: page.cursor };
}

const loginOf = (item: Item): LoginEvent => ({
  at: item.at as string,
  ip: item.ip as string,
  userAgent: item.userAgent as string,
  outcome: item.outcome as LoginOutcome,
  location: (item.location as string | undefined) ?? null,
});

/** A member's sign-ins older than `before` (all when absent), newest first: the support timeline merges them. */
export async function loginsBefore(memberId: string, limit: number, before?: string): Promise<LoginEvent[]> {
  const { items } = await query({
    pk: keys.memberPartition(memberId),
    sk: before
      ? { between: [keys.loginEventPrefix, `${keys.loginEventPrefix}${before}`] }
      : { beginsWith: keys.loginEventPrefix },
    ScanIndexForward: false,
    Limit: limit,
  });
  return items.map(loginOf);
}
