import { keys } from '@arbor/shared/keys';
import type { PortalView } from '@arbor/shared/support/account';
import {
  conditionally,
  getItem,
  putItem,
  query,
  queryPage,
  stripKeys,
  transact,
  TransactionConditionError,
  txPut,
  txUpdate,
  type Item,
  type Page,
  type TableWrite,
  updateItem,
} from '../../lib/db.js';
import { epochSeconds, nonce } from '../../lib/ids.js';
import { sessionItem, type Session } from './sessions.js';

/**
 * Staff's views of a member's portal (docs/support.md): the view's record in the member's
 * partition (`VIEW#<startedAt>#<viewId>`: who, why, until when, when it ended), written with
 * its read-only session, and every API request made under it (`VIEW#<viewId>` / `REQ#…`).
 */
export interface ViewRecord {
  viewId: string;
  memberId: string;
  staffId: string;
  reason: string;
  startedAt: string;
  expiresAt: string;
  endedAt?: string;
  sessionId: string;
}

/** Requests under a view are kept a year, like sign-ins. */
const KEEP_DAYS = 365;

const viewKey = (view: Pick<ViewRecord, 'memberId' | 'startedAt' | 'viewId'>) =>
  keys.portalView(view.memberId, view.startedAt, view.viewId);

/**
 * The view, its session and the log entries that record it, in one transaction, and the mark on
 * the staff session it is opened from: one open view per staff session, so the same start sent
 * many times at once opens one view ('open' for the others).
 */
export async function insertView(
  view: ViewRecord,
  session: Session,
  staffSessionId: string,
  also: TableWrite[],
): Promise<'inserted' | 'open'> {
  try {
    await transact([
      txUpdate({
        Key: keys.session(staffSessionId),
        UpdateExpression: 'SET activeView = :view, activeViewUntil = :until',
        ConditionExpression: 'attribute_exists(PK) AND (attribute_not_exists(activeView) OR activeViewUntil < :now)',
        ExpressionAttributeValues: { ':view': view.viewId, ':until': view.expiresAt, ':now': view.startedAt },
      }),
      txPut({
        Item: { ...viewKey(view), entity: 'portalView', ...view },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
      txPut({ Item: sessionItem(session), ConditionExpression: 'attribute_not_exists(PK)' }),
      ...also,
    ]);
    return 'inserted';
  } catch (error) {
    if (error instanceof TransactionConditionError && error.failedIndexes.includes(0)) return 'open';
    throw error;
  }
}

/** The staff session may open another view (after this one ended); nothing when another is marked. */
export const clearActiveView = (staffSessionId: string, viewId: string) =>
  conditionally(
    updateItem({
      Key: keys.session(staffSessionId),
      UpdateExpression: 'REMOVE activeView, activeViewUntil',
      ConditionExpression: 'activeView = :view',
      ExpressionAttributeValues: { ':view': viewId },
    }),
  );

export async function getView(memberId: string, startedAt: string, viewId: string): Promise<ViewRecord | null> {
  const item = await getItem(keys.portalView(memberId, startedAt, viewId), { ConsistentRead: true });
  return item ? stripKeys<ViewRecord>(item) : null;
}

/**
 * Ends a view once: its session revoked and its record marked ended, with the log entries, in
 * one transaction; false (nothing written) when it had ended already.
 */
export async function endView(view: ViewRecord, endedAt: string, also: TableWrite[]): Promise<boolean> {
  try {
    await transact([
      txUpdate({
        Key: viewKey(view),
        UpdateExpression: 'SET endedAt = :at',
        ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(endedAt)',
        ExpressionAttributeValues: { ':at': endedAt },
      }),
      txUpdate({
        Key: keys.session(view.sessionId),
        UpdateExpression: 'SET revokedAt = if_not_exists(revokedAt, :at)',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':at': endedAt },
      }),
      ...also,
    ]);
    return true;
  } catch (error) {
    if (error instanceof TransactionConditionError) return false;
    throw error;
  }
}

/** One API request made under a view: what was asked, and whether the read-only view refused it. */
export async function recordViewRequest(
  viewId: string,
  request: { method: string; route: string; path: string; refused: boolean },
  at = new Date(),
): Promise<void> {
  const iso = at.toISOString();
  await putItem({
    Item: {
      ...keys.viewRequest(viewId, iso, nonce()),
      entity: 'viewRequest',
      at: iso,
      method: request.method,
      route: request.route.slice(0, 200),
      path: request.path.slice(0, 300),
      refused: request.refused,
      expiresAtEpoch: epochSeconds(at) + KEEP_DAYS * 86_400,
    },
  });
}

/** How many of a view's requests a list shows (its first ones). */
const REQUESTS_SHOWN = 200;

async function requestsOf(viewId: string): Promise<PortalView['requests']> {
  const { items } = await query({ pk: keys.viewRequestsPartition(viewId), Limit: REQUESTS_SHOWN });
  return items.map((item) => ({
    at: item.at as string,
    method: item.method as string,
    route: item.route as string,
    path: item.path as string,
    refused: Boolean(item.refused),
  }));
}

/** A member's views, newest first, each with its requests. */
export async function listViews(memberId: string, limit: number, cursor?: string): Promise<Page<PortalView>> {
  const page = await queryPage(
    {
      pk: keys.memberPartition(memberId),
      sk: { beginsWith: keys.portalViewPrefix },
      ScanIndexForward: false,
      Limit: limit,
    },
    cursor,
  );
  const items = await Promise.all(
    page.items.map(async (item: Item) => {
      const view = stripKeys<ViewRecord>(item);
      return {
        viewId: view.viewId,
        memberId: view.memberId,
        staffId: view.staffId,
        reason: view.reason,
        startedAt: view.startedAt,
        expiresAt: view.expiresAt,
        endedAt: view.endedAt ?? null,
        requests: await requestsOf(view.viewId),
      };
    }),
  );
  return { items, cursor: page.cursor };
}
