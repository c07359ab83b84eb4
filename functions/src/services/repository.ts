import { keys } from '@arbor/shared/keys';
import {
  DEFAULT_POINTS_RULE,
  MemberService,
  PointsRule,
  ServiceDefinition,
  type PointsEntry,
} from '@arbor/shared/services/model';
import {
  conditionally,
  decodeCursor,
  encodeCursor,
  getItem,
  putItem,
  query,
  queryAll,
  stripKeys,
  transact,
  TransactionConditionError,
  txPut,
  txUpdate,
  type Item,
  type Page,
  type TableWrite,
} from '../lib/db.js';
import { cachedValue, forgetCachedValue } from '../lib/parameters.js';

/**
 * The services area's store (docs/services.md): the catalog and the points
 * rule (`SERVICES` / `SERVICE#<code>`, `POINTS_RULE`), the services a member
 * holds (`MEMBER#<id>` / `SVC#<code>`), its points balance (`POINTS`) and
 * ledger (`PTS#<at>#<ref>`). The orders area takes the renewal and points
 * writes from here into an order's own transaction.
 */

// ---- catalog --------------------------------------------------------------------------------------------------------

const serviceItem = (service: ServiceDefinition): Item => ({
  ...keys.serviceDefinition(service.code),
  entity: 'service',
  ...service,
});

/** Every service of the catalog (a company has a handful), by code. */
export async function listServiceDefinitions(): Promise<ServiceDefinition[]> {
  const items = await queryAll({ pk: keys.servicesPartition, sk: { beginsWith: keys.serviceDefinitionPrefix } });
  return items.map((item) => ServiceDefinition.parse(stripKeys(item)));
}

export async function getServiceDefinition(code: string): Promise<ServiceDefinition | null> {
  const item = await getItem(keys.serviceDefinition(code), { ConsistentRead: true });
  return item ? ServiceDefinition.parse(stripKeys(item)) : null;
}

/** A new service (false if the code is taken) or a new version over the one read (false if it changed). */
export const putServiceDefinition = (service: ServiceDefinition, expectedVersion: number | null) =>
  conditionally(
    putItem({
      Item: serviceItem(service),
      ...(expectedVersion === null
        ? { ConditionExpression: 'attribute_not_exists(PK)' }
        : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': expectedVersion } }),
    }),
  );

async function readPointsRule(): Promise<PointsRule> {
  const item = await getItem(keys.pointsRule(), { ConsistentRead: true });
  return item ? PointsRule.parse(stripKeys(item)) : DEFAULT_POINTS_RULE;
}

/**
 * The points rule, read on every paid order and checkout with points: a warm
 * function keeps it 30 seconds (lib/parameters.ts), as the catalog's prices.
 */
export const getPointsRule = cachedValue('points-rule', 30, readPointsRule);

/** The rule as stored now (the admin's edit, which must see its own version). */
export const getPointsRuleNow = async () => {
  forgetCachedValue('points-rule');
  return getPointsRule();
};

/** The points rule over the version read (0: none was ever saved); false if it changed meanwhile. */
export const putPointsRule = async (rule: PointsRule, expectedVersion: number) => {
  const saved = await conditionally(
    putItem({
      Item: { ...keys.pointsRule(), entity: 'pointsRule', ...rule },
      ConditionExpression: expectedVersion === 0 ? 'attribute_not_exists(PK)' : 'version = :v',
      ...(expectedVersion === 0 ? {} : { ExpressionAttributeValues: { ':v': expectedVersion } }),
    }),
  );
  forgetCachedValue('points-rule');
  return saved;
};

// ---- a member's services ----------------------------------------------------------------------------------------------

const memberServiceItem = (service: MemberService): Item => ({
  ...keys.memberService(service.memberId, service.code),
  entity: 'memberService',
  ...service,
});

export async function listMemberServices(memberId: string): Promise<MemberService[]> {
  const items = await queryAll({
    pk: keys.memberPartition(memberId),
    sk: { beginsWith: keys.memberServicePrefix },
    ConsistentRead: true,
  });
  return items.map((item) => MemberService.parse(stripKeys(item)));
}

export async function getMemberService(memberId: string, code: string): Promise<MemberService | null> {
  const item = await getItem(keys.memberService(memberId, code), { ConsistentRead: true });
  return item ? MemberService.parse(stripKeys(item)) : null;
}

/**
 * Writes a member's service over the version read (`null`: it must not exist
 * yet) with `also` (the member's log entry) in one transaction; false when
 * the service changed meanwhile (or exists already).
 */
export async function saveMemberService(
  service: MemberService,
  expectedVersion: number | null,
  also: TableWrite[],
): Promise<boolean> {
  try {
    await transact([
      txPut({
        Item: memberServiceItem(service),
        ...(expectedVersion === null
          ? { ConditionExpression: 'attribute_not_exists(PK)' }
          : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': expectedVersion } }),
      }),
      ...also,
    ]);
    return true;
  } catch (error) {
    if (error instanceof TransactionConditionError && error.failedIndexes.includes(0)) return false;
    throw error;
  }
}

/**
 * A paid order's renewal of a held service, in the order's transaction:
 * `terms` more months (an ADD, so it needs no read and never conflicts with
 * another renewal; the version moves so a support action read before it is refused).
 */
export const renewalWrite = (memberId: string, code: string, terms: number, at: string): TableWrite =>
  txUpdate({
    Key: keys.memberService(memberId, code),
    UpdateExpression: 'ADD terms :terms, version :one SET updatedAt = :at',
    ConditionExpression: 'attribute_exists(PK)',
    ExpressionAttributeValues: { ':terms': terms, ':one': 1, ':at': at },
  });

// ---- points -----------------------------------------------------------------------------------------------------------

export async function getPointsBalance(memberId: string): Promise<number> {
  const item = await getItem(keys.pointsBalance(memberId), { ConsistentRead: true });
  return (item?.balance as number | undefined) ?? 0;
}

const entryItem = (memberId: string, entry: PointsEntry, ref: string): Item => ({
  ...keys.pointsEntry(memberId, entry.at, ref),
  entity: 'pointsEntry',
  memberId,
  ...entry,
});

export interface PointsMovement {
  entry: PointsEntry;
  /** Unique among the member's movements at this time: the order and kind, or the adjustment's key. */
  ref: string;
}

/**
 * The writes of points movements, for the transaction of what causes them
 * (an order, a refund, an adjustment): each entry once (its key is
 * deterministic), and one change of the balance by their sum. `mustCover`
 * points must be there before it (a spend): the condition on the balance is
 * what keeps parallel checkouts from spending the same points twice.
 */
export function pointsWrites(memberId: string, movements: readonly PointsMovement[], mustCover = 0): TableWrite[] {
  if (movements.length === 0) return [];
  const net = movements.reduce((sum, m) => sum + m.entry.points, 0);
  const at = movements[movements.length - 1]!.entry.at;
  return [
    txUpdate({
      Key: keys.pointsBalance(memberId),
      UpdateExpression: 'ADD balance :net SET updatedAt = :at, entity = :entity, memberId = :member',
      ...(mustCover > 0 ? { ConditionExpression: 'balance >= :cover' } : {}),
      ExpressionAttributeValues: {
        ':net': net,
        ':at': at,
        ':entity': 'pointsBalance',
        ':member': memberId,
        ...(mustCover > 0 ? { ':cover': mustCover } : {}),
      },
    }),
    ...movements.map((m) =>
      txPut({ Item: entryItem(memberId, m.entry, m.ref), ConditionExpression: 'attribute_not_exists(PK)' }),
    ),
  ];
}

/** The mark of an adjustment made with this key, in the adjustment's transaction (its first write). */
export const adjustmentMarkWrite = (memberId: string, idempotencyKey: string, at: string): TableWrite =>
  txPut({
    Item: { ...keys.pointsAdjustment(memberId, idempotencyKey), entity: 'pointsAdjustment', at },
    ConditionExpression: 'attribute_not_exists(PK)',
  });

/**
 * Writes an adjustment (its mark first, then the balance); `replayed` when
 * its key was used before (nothing written), `short` when it would take the
 * balance below zero.
 */
export async function adjustPointsOnce(writes: TableWrite[]): Promise<'done' | 'replayed' | 'short'> {
  try {
    await transact(writes);
    return 'done';
  } catch (error) {
    if (!(error instanceof TransactionConditionError)) throw error;
    return error.failedIndexes.includes(0) ? 'replayed' : 'short';
  }
}

/** A member's ledger, newest first, a page at a time. */
export async function pointsLedgerPage(memberId: string, limit: number, cursor?: string): Promise<Page<PointsEntry>> {
  const page = await query(
    {
      pk: keys.memberPartition(memberId),
      sk: { beginsWith: keys.pointsEntryPrefix },
      ScanIndexForward: false,
      Limit: limit,
      ConsistentRead: true,
    },
    decodeCursor(cursor),
  );
  return { items: page.items.map(ledgerEntry), cursor: encodeCursor(page.lastKey) };
}

/**
 * The sum of the entries at or after a page's cursor (the entries of the
 * pages before it: all newer), so a later page can show each entry's balance.
 */
export async function pointsNewerThan(memberId: string, cursor: string): Promise<number> {
  const fromSk = decodeCursor(cursor)?.SK;
  if (typeof fromSk !== 'string' || !fromSk.startsWith(keys.pointsEntryPrefix)) return 0;
  const items = await queryAll({
    pk: keys.memberPartition(memberId),
    sk: { between: [fromSk, `${keys.pointsEntryPrefix}\uffff`] },
    ProjectionExpression: 'points',
    ConsistentRead: true,
  });
  return items.reduce((sum, item) => sum + ((item.points as number | undefined) ?? 0), 0);
}

function ledgerEntry(item: Item): PointsEntry {
  const { at, kind, points, orderId, actorId, reason } = item;
  return {
    at: at as string,
    kind: kind as PointsEntry['kind'],
    points: points as number,
    actorId: actorId as string,
    ...(orderId ? { orderId: orderId as string } : {}),
    ...(reason ? { reason: reason as string } : {}),
  };
}
