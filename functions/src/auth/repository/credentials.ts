import { LOCKOUT } from '@arbor/shared/auth/schemas';
import { keys, type Key } from '@arbor/shared/keys';
import {
  conditionally,
  getItem,
  isConditionFailure,
  putItem,
  stripKeys,
  txUpdate,
  updateItem,
  type Item,
  type TableWrite,
} from '../../lib/db.js';
import { epochSeconds } from '../../lib/ids.js';
import { hashedSubject } from '../../lib/rate-limit.js';

/** A member's password hash and its failed sign-ins (`MEMBER#<id>` / `CREDENTIALS`). */
export interface Credentials {
  memberId: string;
  passwordHash: string;
  failedAttempts: number;
  lockedUntil: string | null;
  passwordChangedAt: string;
}

/** The stored credentials item; enrollment writes it in the new member's transaction. */
export function credentialsItem(credentials: Credentials): Item {
  return { ...keys.credentials(credentials.memberId), entity: 'credentials', ...credentials };
}

export async function getCredentials(memberId: string): Promise<Credentials | null> {
  const item = await getItem(keys.credentials(memberId));
  return item ? stripKeys<Credentials>(item) : null;
}

export const LOCK_SECONDS = LOCKOUT.lockMinutes * 60;

/**
 * Whose failures a sign-in counts against: an account (on its credentials
 * item, whatever name it was signed in with), or a login name that belongs to
 * no one (its own item, by hash, expiring by TTL), so that an unknown name
 * locks exactly like an account does and the answer tells nothing.
 */
export type AttemptTarget = { memberId: string } | { unknownLogin: string };

/** A reserved password check: the counts as this attempt left them. */
export interface Attempt {
  target: AttemptTarget;
  failures: number;
  refused: number;
}

const isAccount = (target: AttemptTarget): target is { memberId: string } => 'memberId' in target;
const targetKey = (target: AttemptTarget): Key =>
  isAccount(target) ? keys.credentials(target.memberId) : keys.loginFailures(hashedSubject(target.unknownLogin));

/**
 * Reserves one password check BEFORE the password is checked: one conditional
 * UpdateItem counts the attempt as a failure if fewer than the limit are
 * counted, so however many sign-ins race, at most `maxFailures` passwords are
 * checked per lockout window. Each reservation moves `lockedUntil` to now +
 * the lock time; the name is locked while the count is at the limit and that
 * time is ahead. Returns the attempt, or the seconds left on the lock.
 */
export async function reserveAttempt(
  target: AttemptTarget,
  now = new Date(),
): Promise<Attempt | { lockedSeconds: number }> {
  const Key = targetKey(target);
  const until = new Date(now.getTime() + LOCK_SECONDS * 1000);
  const account = isAccount(target);
  const base = {
    ':zero': 0,
    ':one': 1,
    ':until': until.toISOString(),
    ...(account ? {} : { ':expires': epochSeconds(until) + 3600, ':entity': 'loginFailures' }),
  };
  const setOnUnknown = account ? '' : ', expiresAtEpoch = :expires, entity = :entity';
  for (let tries = 0; tries < 3; tries++) {
    try {
      const result = await updateItem({
        Key,
        UpdateExpression:
          'SET failedAttempts = if_not_exists(failedAttempts, :zero) + :one, lockedUntil = :until, ' +
          `refusedAttempts = if_not_exists(refusedAttempts, :zero)${setOnUnknown}`,
        ConditionExpression: `${account ? 'attribute_exists(PK) AND ' : ''}(attribute_not_exists(failedAttempts) OR failedAttempts < :max)`,
        ExpressionAttributeValues: { ...base, ':max': LOCKOUT.maxFailures },
        ReturnValues: 'ALL_NEW',
      });
      return {
        target,
        failures: Number(result.Attributes?.failedAttempts),
        refused: Number(result.Attributes?.refusedAttempts ?? 0),
      };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    const current = await getItem(Key, { ConsistentRead: true });
    if (!current) throw new Error(`credentials of ${JSON.stringify(target)} are missing`);
    const lockedUntil = String(current.lockedUntil ?? '');
    const left = Math.ceil((Date.parse(lockedUntil) - now.getTime()) / 1000);
    if (left > 0) {
      // Refused without a check; counted, so a success racing with it does not lift the lock.
      await updateItem({
        Key,
        UpdateExpression: 'ADD refusedAttempts :one',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':one': 1 },
      });
      return { lockedSeconds: left };
    }
    // The lock has run out: open a new window with this attempt, unless another attempt just did.
    const reopened = await conditionally(
      updateItem({
        Key,
        UpdateExpression: `SET failedAttempts = :one, refusedAttempts = :zero, lockedUntil = :until${setOnUnknown}`,
        ConditionExpression: 'failedAttempts >= :max AND lockedUntil = :old',
        ExpressionAttributeValues: { ...base, ':max': LOCKOUT.maxFailures, ':old': current.lockedUntil },
      }),
    );
    if (reopened) return { target, failures: 1, refused: 0 };
  }
  return { lockedSeconds: LOCK_SECONDS };
}

/** True when this attempt took the last check before the lock: its failure locks. */
export const reachedLock = (attempt: Attempt) => attempt.failures >= LOCKOUT.maxFailures;

/**
 * The password was right: the failures counted so far are forgiven, unless
 * another attempt was counted or refused after this one (a burst racing with
 * the right password keeps its count, so it still cannot check more passwords).
 */
export async function forgiveFailures(attempt: Attempt): Promise<void> {
  await conditionally(
    updateItem({
      Key: targetKey(attempt.target),
      UpdateExpression: 'SET failedAttempts = :zero, refusedAttempts = :zero, lockedUntil = :null',
      ConditionExpression: 'failedAttempts = :failures AND refusedAttempts = :refused',
      ExpressionAttributeValues: {
        ':zero': 0,
        ':null': null,
        ':failures': attempt.failures,
        ':refused': attempt.refused,
      },
    }),
  );
}

/** A new password also lifts any lockout. */
export async function setPasswordHash(memberId: string, passwordHash: string): Promise<void> {
  await putItem({
    Item: credentialsItem({
      memberId,
      passwordHash,
      failedAttempts: 0,
      lockedUntil: null,
      passwordChangedAt: new Date().toISOString(),
    }),
  });
}

/** Whether the account is locked now (the failures reached the limit and the lock time is ahead). */
export const isLocked = (credentials: Pick<Credentials, 'failedAttempts' | 'lockedUntil'>, now = new Date()) =>
  credentials.failedAttempts >= LOCKOUT.maxFailures &&
  credentials.lockedUntil !== null &&
  Date.parse(credentials.lockedUntil) > now.getTime();

/** Support lifts a lockout (in the transaction of its log entry): the failures are forgotten, the password stays. */
export const clearLockoutWrite = (memberId: string): TableWrite =>
  txUpdate({
    Key: keys.credentials(memberId),
    UpdateExpression: 'SET failedAttempts = :zero, refusedAttempts = :zero, lockedUntil = :null',
    ConditionExpression: 'attribute_exists(PK)',
    ExpressionAttributeValues: { ':zero': 0, ':null': null },
  });
