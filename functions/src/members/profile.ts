import { ConflictError, ForbiddenError, RuleError, type ErrorDetail } from '@arbor/shared/errors';
import { fieldChanges } from '@arbor/shared/members/changes';
import { keys } from '@arbor/shared/keys';
import { isStaff, type Member, type MemberStatus } from '@arbor/shared/members/model';
import { STAFF_ONLY_FIELDS, type ProfileUpdateBody } from '@arbor/shared/members/requests';
import { randomUUID } from 'node:crypto';
import type { Principal } from '../auth/principal.js';
import { revokeAllSessions } from '../auth/sessions.js';
import { sendEmail } from '../email/send.js';
import { emailChangedEmail } from '../email/templates.js';
import { getCompanySettings } from '../company/repository.js';
import { env } from '../lib/env.js';
import { transact, TransactionConditionError, type Item } from '../lib/db.js';
import { encryptField } from '../lib/field-crypto.js';
import { verifyUpload } from '../lib/uploads.js';
import { memberItem } from './items.js';
import { memberLogItem } from './log.js';

const staleVersion = () =>
  new ConflictError(
    'Someone else changed this member since you loaded it. Reload and apply your change again.',
    'version_conflict',
    [{ field: 'body.version', rule: 'stale', message: 'body.version: is not the current version' }],
  );

type UniqueField = 'username' | 'email' | 'siteName';

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
export function memberUpdate(before: Member, after: Member, expectedVersion: number) {
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
  return {
    UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
    ConditionExpression: '#version = :expected',
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}
const UNIQUE_KIND = { username: 'USERNAME', email: 'EMAIL', siteName: 'SITE' } as const;

/**
 * Writes a new version of a member: the profile with a version check (a
 * concurrent edit is a 409, never silently lost), the unique guards that
 * changed (old freed, new claimed), and the log entry, in one transaction.
 */
export async function saveMember(
  before: Member,
  after: Member,
  expectedVersion: number,
  log: { actorId: string; action: string; detail?: Record<string, unknown>; reason?: string },
): Promise<Member> {
  const table = env.tableName();
  const next: Member = { ...after, version: before.version + 1 };
  const operations: Parameters<typeof transact>[0] = [
    { Update: { TableName: table, Key: keys.member(before.id), ...memberUpdate(before, next, expectedVersion) } },
  ];
  const claimed: UniqueField[] = [];
  for (const field of ['username', 'email', 'siteName'] as const) {
    const old = before[field];
    const value = next[field];
    if ((old ?? '').toLowerCase() === (value ?? '').toLowerCase()) continue;
    if (old) operations.push({ Delete: { TableName: table, Key: keys.unique(UNIQUE_KIND[field], old) } });
    if (value) {
      claimed.push(field);
      operations.push({
        Put: {
          TableName: table,
          Item: { ...keys.unique(UNIQUE_KIND[field], value), entity: 'unique', memberId: next.id } as Item,
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      });
    }
  }
  operations.push({
    Put: { TableName: table, Item: memberLogItem(next.id, { at: new Date().toISOString(), ...log }) },
  });
  try {
    await transact(operations);
  } catch (error) {
    if (!(error instanceof TransactionConditionError)) throw error;
    if (error.failedIndexes.includes(0)) throw staleVersion();
    const details: ErrorDetail[] = claimed
      .filter((field) =>
        error.failedIndexes.some((i) => {
          const op = operations[i];
          return (
            (op as { Put?: { Item?: Item } } | undefined)?.Put?.Item?.PK ===
            keys.unique(UNIQUE_KIND[field], next[field] ?? '').PK
          );
        }),
      )
      .map((field) => ({ field: `body.${field}`, rule: 'taken', message: `body.${field}: is already taken` }));
    throw new ConflictError(details.map((d) => d.message).join('; '), 'already_taken', details);
  }
  return next;
}

/** Applies a profile edit by the member itself or by staff (who may also change names, document, level, market). */
export async function updateProfile(member: Member, body: ProfileUpdateBody, actor: Principal): Promise<Member> {
  const staff = isStaff(actor.role);
  if (!staff) {
    const forbidden = STAFF_ONLY_FIELDS.filter((field) => body[field] !== undefined);
    if (forbidden.length > 0) {
      throw new ForbiddenError(`Only support can change ${forbidden.join(', ')}; call support for that.`);
    }
  }
  // Staff changing someone else's account say why: the reason goes into the member's log with the old and new values.
  const onBehalf = staff && actor.memberId !== member.id;
  if (onBehalf && !body.reason) {
    throw new RuleError('reason_required', 'Say why you change this member’s account: it goes into its log.', [
      { field: 'body.reason', rule: 'required', message: 'body.reason: is required when staff edit a member' },
    ]);
  }
  if (body.version !== member.version) throw staleVersion();
  const settings = await getCompanySettings();
  if (body.level !== undefined) {
    const level = settings?.membershipLevels.find((l) => l.code === body.level);
    if (!level || level.kind !== member.kind) {
      throw new RuleError('unknown_level', 'Not a membership level of this kind.', [
        { field: 'body.level', rule: 'unknown_level', message: 'body.level: is not a level for this member' },
      ]);
    }
  }
  if (body.market !== undefined && !settings?.markets.some((m) => m.code === body.market)) {
    throw new RuleError('unknown_market', 'Not a market of this company.', [
      { field: 'body.market', rule: 'unknown_market', message: 'body.market: is not a market of this company' },
    ]);
  }
  if (body.avatarKey) await verifyUpload('avatar', member.id, body.avatarKey, 'body.avatarKey');

  const { version: _version, reason: _reason, document, deliveryAddresses, avatarKey, siteName, ...simple } = body;
  const after: Member = { ...member };
  for (const [key, value] of Object.entries(simple)) {
    if (value === null) delete (after as Record<string, unknown>)[key];
    else if (value !== undefined) (after as Record<string, unknown>)[key] = value;
  }
  if (body.firstName !== undefined || body.lastName !== undefined) {
    if (body.displayName === undefined) after.displayName = `${after.firstName} ${after.lastName}`;
  }
  if (deliveryAddresses) after.deliveryAddresses = deliveryAddresses.map((a) => ({ ...a, id: a.id ?? randomUUID() }));
  if (avatarKey !== undefined) {
    if (avatarKey === null) delete after.avatarKey;
    else after.avatarKey = avatarKey;
  }
  if (siteName !== undefined) {
    if (siteName === null) delete after.siteName;
    else after.siteName = siteName;
  }
  if (document) {
    after.document = {
      type: document.type,
      country: document.country,
      number: await encryptField(document.number, { memberId: member.id, field: 'document' }),
    };
  }
  const fields = Object.keys(body).filter((k) => k !== 'version' && k !== 'reason');
  if (fields.includes('firstName') || fields.includes('lastName')) fields.push('displayName');
  const changes = fieldChanges(
    member as unknown as Record<string, unknown>,
    after as unknown as Record<string, unknown>,
    [...new Set(fields)],
  );
  const saved = await saveMember(member, after, body.version, {
    actorId: actor.memberId,
    action: onBehalf ? 'support.profile_updated' : 'profile.updated',
    detail: { fields: Object.keys(changes), changes },
    ...(body.reason ? { reason: body.reason } : {}),
  });
  if (saved.email.toLowerCase() !== member.email.toLowerCase()) await emailChanged(member, saved, actor);
  return saved;
}

/**
 * The email is where password resets go, so changing it could hand the
 * account to someone else: the old address is told, and the member's sessions
 * end (all of them when someone else changed it; the others when it was the
 * member itself, which stays signed in where it made the change).
 */
async function emailChanged(before: Member, after: Member, actor: Principal): Promise<void> {
  // Sessions first: ending them must not wait on the mail queue.
  await revokeAllSessions(after.id, actor.memberId === after.id ? actor.family : undefined);
  await sendEmail(emailChangedEmail(before.email, after, after.email));
}

export async function setTaxId(member: Member, taxId: string, actor: Principal): Promise<Member> {
  const after: Member = { ...member, taxId: await encryptField(taxId, { memberId: member.id, field: 'taxId' }) };
  return saveMember(member, after, member.version, { actorId: actor.memberId, action: 'tax_id.updated' });
}

export async function changeStatus(
  member: Member,
  status: MemberStatus,
  reason: string,
  actor: Principal,
): Promise<Member> {
  if (member.status === status) return member;
  const after: Member = { ...member, status, statusChangedAt: new Date().toISOString() };
  return saveMember(member, after, member.version, {
    actorId: actor.memberId,
    action: 'status.changed',
    detail: { from: member.status, to: status },
    reason,
  });
}

export async function setDirectDeposit(
  member: Member,
  input: { holder: string; bankName: string; routingNumber: string; accountNumber: string },
  actor: Principal,
): Promise<Member> {
  const after: Member = {
    ...member,
    directDeposit: {
      holder: input.holder,
      bankName: input.bankName,
      routingNumber: await encryptField(input.routingNumber, { memberId: member.id, field: 'routingNumber' }),
      accountNumber: await encryptField(input.accountNumber, { memberId: member.id, field: 'accountNumber' }),
      updatedAt: new Date().toISOString(),
    },
  };
  return saveMember(member, after, member.version, { actorId: actor.memberId, action: 'direct_deposit.updated' });
}
