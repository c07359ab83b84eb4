import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { DEFAULT_SETTINGS, type CompanySettings } from '@arbor/shared/company';
import { DEMO_MARKETS } from '@arbor/shared/demo/markets';
import { DEMO_PASSWORD, generateCompany, type DemoCompanyOptions } from '@arbor/shared/demo/company';
import { downlineEntries } from '@arbor/shared/genealogy/paths';
import { keys } from '@arbor/shared/keys';
import type { Member } from '@arbor/shared/members/model';
import { hashPassword } from '../auth/passwords.js';
import { settingsItem } from '../company/repository.js';
import { db } from '../lib/aws.js';
import { bulkPut, type BulkWriteOptions } from '../lib/bulk.js';
import type { Item } from '../lib/db.js';
import { env } from '../lib/env.js';
import { credentialsItem, downlineItem, memberItem, uniqueGuardItems } from '../members/items.js';

export interface SeedProgress {
  stage: string;
  done: number;
  total: number;
}

export interface SeedResult {
  members: number;
  partners: number;
  customers: number;
  items: number;
}

/**
 * What the genealogy stream would have computed for each member: child
 * counts, team size and the index fingerprint. The seed is a bulk import (like
 * DynamoDB's import from S3, it leaves no work for the stream), so it writes
 * the downline index itself, with the same item functions the stream uses.
 */
export function withGenealogy(members: Member[]): Member[] {
  const counts = new Map(members.map((m) => [m.id, { placement: 0, enrolled: 0, team: 0 }]));
  // Members come parents first, so walking backwards settles every subtree before its parent.
  for (let i = members.length - 1; i >= 0; i--) {
    const member = members[i]!;
    const own = counts.get(member.id)!;
    if (member.sponsorId) counts.get(member.sponsorId)!.enrolled += 1;
    if (member.placementId) {
      const parent = counts.get(member.placementId)!;
      parent.placement += 1;
      parent.team += 1 + own.team;
    }
  }
  for (const member of members) {
    const own = counts.get(member.id)!;
    member.placementChildCount = own.placement;
    member.enrolledChildCount = own.enrolled;
    member.teamSize = own.team;
    member.indexedPath = [...member.placementPath];
  }
  return members;
}

/** Every item a member brings: profile, unique guards, credentials and its downline-index entries. */
function* memberItems(members: readonly Member[], passwordHash: string, at: string): Generator<Item> {
  for (const member of members) {
    yield memberItem(member);
    yield* uniqueGuardItems(member);
    yield credentialsItem({
      memberId: member.id,
      passwordHash,
      failedAttempts: 0,
      lockedUntil: null,
      passwordChangedAt: at,
    });
    if (member.kind === 'partner') {
      for (const { uplineId, level } of downlineEntries(member)) yield downlineItem(uplineId, level, member);
    }
  }
}

const itemCount = (members: readonly Member[]) =>
  members.reduce((sum, m) => sum + 4 + (m.siteName ? 1 : 0) + (m.kind === 'partner' ? m.placementPath.length : 0), 0);

/**
 * Loads a generated demo company into an empty table. Later capabilities add
 * their own stages here (catalog, orders, autoships, periods) so one command
 * keeps producing a complete company.
 */
export async function seedDemoCompany(
  options: DemoCompanyOptions,
  onProgress: (progress: SeedProgress) => void = () => undefined,
  writeMode: BulkWriteOptions['mode'] = 'batch',
): Promise<SeedResult> {
  const firstId = options.firstId ?? 1000;
  const company = generateCompany({ ...options, firstId });
  withGenealogy(company.members);
  const now = (options.now ?? new Date()).toISOString();
  // One hash for every demo account: hashing 100k passwords would take an hour and prove nothing.
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  const settings: CompanySettings = {
    name: 'Arbor Demo Wellness',
    markets: DEMO_MARKETS.map(({ code, name, currency, language }) => ({ code, name, currency, language })),
    ...DEFAULT_SETTINGS,
  };
  const companyItems: Item[] = [
    settingsItem(settings),
    ...settings.markets.map((market) => ({ ...keys.market(market.code), type: 'market', ...market })),
    { ...keys.counter('MEMBER'), type: 'counter', value: company.lastId },
  ];

  const total = itemCount(company.members);
  onProgress({ stage: 'members', done: 0, total });
  const written = await bulkPut(memberItems(company.members, passwordHash, now), {
    mode: writeMode,
    onProgress: (done) => onProgress({ stage: 'members', done, total }),
  });
  // The settings item goes last: its presence is what marks the table as seeded.
  for (const item of companyItems) await db().send(new PutCommand({ TableName: env.tableName(), Item: item }));

  return {
    members: company.members.length,
    partners: company.members.filter((m) => m.kind === 'partner').length,
    customers: company.members.filter((m) => m.kind === 'customer').length,
    items: written + companyItems.length,
  };
}
