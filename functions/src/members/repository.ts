import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '@arbor/shared/keys';
import type { Member } from '@arbor/shared/members/model';
import { db } from '../lib/aws.js';
import { env } from '../lib/env.js';
import { batchGet, nextCounter } from '../lib/db.js';
import { memberFromItem } from './items.js';

/** `consistent` for a decision that must see the latest write (may a job charge this member now?). */
export async function getMember(id: string, options: { consistent?: boolean } = {}): Promise<Member | null> {
  const result = await db().send(
    new GetCommand({ TableName: env.tableName(), Key: keys.member(id), ConsistentRead: options.consistent ?? false }),
  );
  return result.Item ? memberFromItem(result.Item) : null;
}

/** A sign-in name is a member ID (digits), an email (has @) or a username. */
export async function findMemberIdByLogin(login: string): Promise<string | null> {
  const value = login.trim();
  if (/^\d{1,12}$/.test(value)) return value;
  const key = keys.unique(value.includes('@') ? 'EMAIL' : 'USERNAME', value);
  const result = await db().send(new GetCommand({ TableName: env.tableName(), Key: key }));
  return (result.Item?.memberId as string | undefined) ?? null;
}

export async function findMemberByEmail(email: string): Promise<Member | null> {
  const result = await db().send(new GetCommand({ TableName: env.tableName(), Key: keys.unique('EMAIL', email) }));
  const id = result.Item?.memberId as string | undefined;
  return id ? getMember(id) : null;
}

/** Members by ID, in the order asked (missing ones left out). */
export async function getMembers(ids: readonly string[]): Promise<Member[]> {
  const unique = [...new Set(ids)];
  const items = await batchGet(unique.map((id) => keys.member(id)));
  const byId = new Map(items.map((item) => [item.id as string, memberFromItem(item)]));
  return ids.map((id) => byId.get(id)).filter((m): m is Member => m !== undefined);
}

export async function findMemberBySiteName(siteName: string): Promise<Member | null> {
  const result = await db().send(new GetCommand({ TableName: env.tableName(), Key: keys.unique('SITE', siteName) }));
  const id = result.Item?.memberId as string | undefined;
  return id ? getMember(id) : null;
}

/** Reserves the next member ID: short numbers people can read over the phone. */
export const nextMemberId = () => nextCounter('MEMBER', 999);
