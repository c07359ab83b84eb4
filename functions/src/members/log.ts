import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '@arbor/shared/keys';
import { db } from '../lib/aws.js';
import { env } from '../lib/env.js';
import { queryPage, type Page } from '../lib/db.js';
import { nonce } from '../lib/ids.js';

/** One entry of a member's log: who did what to the account, and why. */
export interface MemberLogEntry {
  at: string;
  /** The member who acted: the member itself, support, an admin, or `system`. */
  actorId: string;
  action: string;
  detail?: Record<string, unknown>;
  reason?: string;
}

export function memberLogItem(memberId: string, entry: MemberLogEntry) {
  return { ...keys.memberLog(memberId, entry.at, nonce()), entity: 'memberLog', memberId, ...entry };
}

export async function appendMemberLog(memberId: string, entry: Omit<MemberLogEntry, 'at'>): Promise<void> {
  await db().send(
    new PutCommand({
      TableName: env.tableName(),
      Item: memberLogItem(memberId, { at: new Date().toISOString(), ...entry }),
    }),
  );
}

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
