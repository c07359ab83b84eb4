import { ConflictError, staleVersionError, type ErrorDetail } from '@arbor/shared/errors';
import { keys } from '@arbor/shared/keys';
import type { Member } from '@arbor/shared/members/model';
import { INDEX, indexKeys } from '@arbor/shared/table';
import { credentialsItem, type Credentials } from '../auth/repository/credentials.js';
import {
  batchGet,
  conditionally,
  getItem,
  nextCounter,
  putItem,
  query,
  queryPage,
  stripKeys,
  transact,
  TransactionConditionError,
  txDelete,
  txPut,
  txUpdate,
  updateItem,
  type Item,
  type Page,
  type TableWrite,
} from '../lib/db.js';
import { nonce } from '../lib/ids.js';
import { nameKeyOf, normalizeName } from './names.js';

/**
 * The members' store: profiles (`MEMBER#<id>` / `PROFILE`, in the sponsor's
 * and placement parent's children lists, the name index and the member
 * shards), the guards that keep usernames, emails and site names unique, the
 * member's log, and the member ID counter.
 */

// ---- items --------------------------------------------------------------------------------------------------------

/**
 * The stored shape of a member profile: the member plus its keys. The enroller
 * and placement children indexes are sparse: only members with a sponsor or a
 * placement parent appear in them.
 */
export function memberItem(member: Member): Item {
  const { id, sponsorId, placementId, enrolledAt } = member;
  const name = normalizeName(`${member.lastName} ${member.firstName}`);
  return {
    ...keys.member(id),
    entity: 'member',
    ...member,
    ...(sponsorId
      ? indexKeys(INDEX.sponsorChildren, keys.sponsorChildren(sponsorId), keys.sponsorChildSort(enrolledAt, id))
      : {}),
    ...(placementId
      ? indexKeys(INDEX.placementChildren, keys.placementChildren(placementId), keys.placementChildSort(enrolledAt, id))
      : {}),
    ...(member.kind !== 'staff' ? indexKeys(INDEX.memberShards, keys.membersShard(id), id) : {}),
    // For name searches that filter a small Query (a sponsor's enrollees).
    nameKey: nameKeyOf(member),
    ...(name.length >= 2 ? indexKeys(INDEX.memberNames, keys.nameIndex(name), keys.nameSort(name, id)) : {}),
  };
}

export function memberFromItem(item: Item): Member {
  const { nameKey: _nameKey, ...member } = item;
  return stripKeys<Member>(member);
}

/** Guard items that make username, email and site name unique; written in the same transaction as the member. */
export function uniqueGuardItems(member: Pick<Member, 'id' | 'username' | 'email' | 'siteName'>): Item[] {
  const guards: Item[] = [
    { ...keys.unique('USERNAME', member.username), entity: 'unique', memberId: member.id },
    { ...keys.unique('EMAIL', member.email), entity: 'unique', memberId: member.id },
  ];
  if (member.siteName) guards.push({ ...keys.unique('SITE', member.siteName), entity: 'unique', memberId: member.id });
  return guards;
}

/** One entry of a member's log: who did what to the account, and why. */
export interface MemberLogEntry {
  at: string;
  /** The member who acted: the member itself, support, an admin, or `system`. */
  actorId: string;
  action: string;
  detail?: Record<string, unknown>;
  reason?: string;
}

/** A log entry as an item: other areas write it in the transaction of what it records (an order, a refund). */
export function memberLogItem(memberId: string, entry: MemberLogEntry): Item {
  return { ...keys.memberLog(memberId, entry.at, nonce()), entity: 'memberLog', memberId, ...entry };
}

// ---- profiles -----------------------------------------------------------------------------------------------------

/** `consistent` for a decision that must see the latest write (may a job charge this member now?). */
export async function getMember(id: string, options: { consistent?: boolean } = {}): Promise<Member | null> {
  const item = await getItem(keys.member(id), { ConsistentRead: options.consistent ?? false });
  return item ? memberFromItem(item) : null;
}

/** Members by ID, in the order asked (missing ones left out). */
export async function getMembers(ids: readonly string[]): Promise<Member[]> {
  const unique = [...new Set(ids)];
  const items = await batchGet(unique.map((id) => keys.member(id)));
  const byId = new Map(items.map((item) => [item.id as string, memberFromItem(item)]));
  return ids.map((id) => byId.get(id)).filter((m): m is Member => m !== undefined);
}

/** The member a unique guard points at. */
const guardedMemberId = async (key: ReturnType<typeof keys.unique>) =>
  ((await getItem(key))?.memberId as string | undefined) ?? null;

/** A sign-in name is a member ID (digits), an email (has @) or a username. */
export async function findMemberIdByLogin(login: string): Promise<string | null> {
  const value = login.trim();
  if (/^\d{1,12}$/.test(value)) return value;
  return guardedMemberId(keys.unique(value.includes('@') ? 'EMAIL' : 'USERNAME', value));
}

export async function findMemberByEmail(email: string): Promise<Member | null> {
  const id = await guardedMemberId(keys.unique('EMAIL', email));
  return id ? getMember(id) : null;
}

export async function findMemberBySiteName(siteName: string): Promise<Member | null> {
  const id = await guardedMemberId(keys.unique('SITE', siteName));
  return id ? getMember(id) : null;
}

/** Reserves the next member ID: short numbers people can read over the phone. */
export const nextMemberId = () => nextCounter('MEMBER', 999);

/**
 * A sponsor's partners enrolled since `since` whose placement window is still
 * open at `now`, newest first (GSI1, by enrollment date).
 */
export async function partnersInPlacementWindow(sponsorId: string, since: string, now: string): Promise<Member[]> {
  const { items } = await query({
    index: INDEX.sponsorChildren,
    pk: keys.sponsorChildren(sponsorId),
    sk: { atLeast: since },
    FilterExpression: 'kind = :partner AND placementWindowEndsAt > :now',
    ExpressionAttributeValues: { ':partner': 'partner', ':now': now },
    ScanIndexForward: false,
  });
  return items.map(memberFromItem);
}

const isNew = 'attribute_not_exists(PK)';

/**
 * Writes a new member with everything that belongs to it, in one transaction:
 * the profile, its unique username and email (and site name), its credentials
 * and its log entry. A taken name or email fails the whole write (a 409 naming
 * the field), so nothing is half-made.
 */
export async function insertMember(
  member: Member,
  credentials: Credentials,
  log: MemberLogEntry,
  /** Written with the member or not at all (the member.enrolled event of the outbox). */
  also: TableWrite[] = [],
): Promise<void> {
  const guards = uniqueGuardItems(member);
  try {
    await transact([
      txPut({ Item: memberItem(member), ConditionExpression: isNew }),
      ...guards.map((Item) => txPut({ Item, ConditionExpression: isNew })),
      txPut({ Item: credentialsItem(credentials) }),
      txPut({ Item: memberLogItem(member.id, log) }),
      ...also,
    ]);
  } catch (error) {
    if (!(error instanceof TransactionConditionError)) throw error;
    const details: ErrorDetail[] = [];
    for (const index of error.failedIndexes) {
      const guard = guards[index - 1];
      if (guard?.PK === keys.unique('USERNAME', member.username).PK) {
        details.push({ field: 'body.username', rule: 'taken', message: 'body.username: is already taken' });
      } else if (guard?.PK === keys.unique('EMAIL', member.email).PK) {
        details.push({ field: 'body.email', rule: 'taken', message: 'body.email: already has an account' });
      }
    }
    throw new ConflictError(
      details.map((d) => d.message).join('; ') || 'Enrollment conflicted; try again.',
      'already_taken',
      details,
    );
  }
}

export const staleMemberVersion = () =>
  staleVersionError('Someone else changed this member since you loaded it. Reload and apply your change again.');

/** Kept by others (the genealogy stream, the commission side): an edit never writes them back. */
const DERIVED = new Set([
  'id',
  'version',
  'placementChildCount',
  'enrolledChildCount',
  'teamSize',
  'indexedPath',
  'stats',
  'autoshipPv',
]);

/**
 * An update that sets exactly the attributes that changed (and the index keys
 * that follow from them), so counters the stream keeps are never overwritten
 * with a stale copy, and bumps the version the caller read.
 */
function memberUpdate(before: Member, after: Member, expectedVersion: number): TableWrite {
  const beforeItem = memberItem(before);
  const afterItem = memberItem(after);
  const sets: string[] = [];
  const removes: string[] = [];
  const names: Record<string, string> = { '#version': 'version' };
  const values: Record<string, unknown> = { ':expected': expectedVersion, ':one': 1 };
  let n = 0;
  for (const key of new Set([...Object.keys(beforeItem), ...Object.keys(afterItem)])) {
    if (DERIVED.has(key) || key === 'PK' || key === 'SK' || key === 'entity') continue;
    const old = beforeItem[key];
    const value = afterItem[key];
    if (JSON.stringify(old) === JSON.stringify(value)) continue;
    names[`#a${n}`] = key;
    if (value === undefined) removes.push(`#a${n}`);
    else {
      values[`:a${n}`] = value;
      sets.push(`#a${n} = :a${n}`);
    }
    n++;
  }
  sets.push('#version = #version + :one');
  return txUpdate({
    Key: keys.member(before.id),
    UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
    ConditionExpression: '#version = :expected',
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  });
}

const UNIQUE_KIND = { username: 'USERNAME', email: 'EMAIL', siteName: 'SITE' } as const;
type UniqueField = keyof typeof UNIQUE_KIND;

/**
 * Writes a new version of a member: the profile with a version check (a
 * concurrent edit is a 409, never silently lost), the unique guards that
 * changed (old freed, new claimed), and the log entry, in one transaction.
 */
export async function saveMember(
  before: Member,
  after: Member,
  expectedVersion: number,
  log: Omit<MemberLogEntry, 'at'>,
): Promise<Member> {
  const next: Member = { ...after, version: before.version + 1 };
  const operations: TableWrite[] = [memberUpdate(before, next, expectedVersion)];
  const claimed: UniqueField[] = [];
  for (const field of ['username', 'email', 'siteName'] as const) {
    const old = before[field];
    const value = next[field];
    if ((old ?? '').toLowerCase() === (value ?? '').toLowerCase()) continue;
    if (old) operations.push(txDelete({ Key: keys.unique(UNIQUE_KIND[field], old) }));
    if (value) {
      claimed.push(field);
      operations.push(
        txPut({
          Item: { ...keys.unique(UNIQUE_KIND[field], value), entity: 'unique', memberId: next.id },
          ConditionExpression: isNew,
        }),
      );
    }
  }
  operations.push(txPut({ Item: memberLogItem(next.id, { at: new Date().toISOString(), ...log }) }));
  try {
    await transact(operations);
  } catch (error) {
    if (!(error instanceof TransactionConditionError)) throw error;
    if (error.failedIndexes.includes(0)) throw staleMemberVersion();
    const details: ErrorDetail[] = claimed
      .filter((field) =>
        error.failedIndexes.some(
          (i) => operations[i]?.Put?.Item?.PK === keys.unique(UNIQUE_KIND[field], next[field] ?? '').PK,
        ),
      )
      .map((field) => ({ field: `body.${field}`, rule: 'taken', message: `body.${field}: is already taken` }));
    throw new ConflictError(details.map((d) => d.message).join('; '), 'already_taken', details);
  }
  return next;
}

/**
 * Marks the member's address as one SES reported a hard bounce or a complaint for, while the
 * member still has that address: a complaint over a bounce, never a bounce over a complaint, and
 * nothing when the mark is already there (a redelivered event). A plain Update that bumps the
 * version, so an edit read before it (one changing the email decides the mark anew) is a 409
 * rather than a save that leaves a stale mark. False when nothing was written.
 */
export const markEmailSuppressed = (memberId: string, email: string, reason: 'bounce' | 'complaint') =>
  conditionally(
    updateItem({
      Key: keys.member(memberId),
      UpdateExpression: 'SET emailSuppressed = :reason, #version = #version + :one',
      ConditionExpression:
        reason === 'complaint'
          ? '#email = :email AND (attribute_not_exists(emailSuppressed) OR emailSuppressed = :bounce)'
          : '#email = :email AND attribute_not_exists(emailSuppressed)',
      ExpressionAttributeNames: { '#email': 'email', '#version': 'version' },
      ExpressionAttributeValues: {
        ':reason': reason,
        ':email': email,
        ':one': 1,
        ...(reason === 'complaint' ? { ':bounce': 'bounce' } : {}),
      },
    }),
  );

// ---- the member's log ---------------------------------------------------------------------------------------------

export async function appendMemberLog(memberId: string, entry: Omit<MemberLogEntry, 'at'>): Promise<void> {
  await putItem({ Item: memberLogItem(memberId, { at: new Date().toISOString(), ...entry }) });
}

/** A member's log, newest first. */
export async function listMemberLog(memberId: string, limit: number, cursor?: string): Promise<Page<MemberLogEntry>> {
  const page = await queryPage(
    {
      pk: keys.memberPartition(memberId),
      sk: { beginsWith: keys.memberLogPrefix },
      ScanIndexForward: false,
      Limit: limit,
    },
    cursor,
  );
  return {
    items: page.items.map(({ at, actorId, action, detail, reason }) => ({
      at: at as string,
      actorId: actorId as string,
      action: action as string,
      ...(detail ? { detail: detail as Record<string, unknown> } : {}),
      ...(reason ? { reason: reason as string } : {}),
    })),
    cursor: page.cursor,
  };
}

/** A member's log entries older than `before` (all when absent), newest first: the support timeline merges them. */
export async function memberLogBefore(memberId: string, limit: number, before?: string): Promise<MemberLogEntry[]> {
  const { items } = await query({
    pk: keys.memberPartition(memberId),
    sk: before
      ? { between: [keys.memberLogPrefix, `${keys.memberLogPrefix}${before}`] }
      : { beginsWith: keys.memberLogPrefix },
    ScanIndexForward: false,
    Limit: limit,
  });
  return items.map(({ at, actorId, action, detail, reason }) => ({
    at: at as string,
    actorId: actorId as string,
    action: action as string,
    ...(detail ? { detail: detail as Record<string, unknown> } : {}),
    ...(reason ? { reason: reason as string } : {}),
  }));
}

/** A log entry in the transaction of what it records (an order placed, paid, refunded or canceled for the member). */
export const memberLogWrite = (memberId: string, entry: MemberLogEntry): TableWrite =>
  txPut({ Item: memberLogItem(memberId, entry) });
