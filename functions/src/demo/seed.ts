import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { DEFAULT_SETTINGS, type CompanySettings } from '@arbor/shared/company';
import { DEMO_MARKETS } from '@arbor/shared/demo/markets';
import { DEMO_PASSWORD, generateCompany, type DemoCompanyOptions } from '@arbor/shared/demo/company';
import { keys } from '@arbor/shared/keys';
import type { Member } from '@arbor/shared/members/model';
import { hashPassword } from '../auth/passwords.js';
import { settingsItem } from '../company/repository.js';
import { db } from '../lib/aws.js';
import { bulkPut } from '../lib/bulk.js';
import type { Item } from '../lib/db.js';
import { env } from '../lib/env.js';
import { credentialsItem, memberItem, uniqueGuardItems } from '../members/items.js';

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

/** Every item a member brings: profile, unique guards and credentials. */
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
  }
}

/**
 * Loads a generated demo company into an empty table. Later capabilities add
 * their own stages here (catalog, orders, autoships, periods) so one command
 * keeps producing a complete company.
 */
export async function seedDemoCompany(
  options: DemoCompanyOptions,
  onProgress: (progress: SeedProgress) => void = () => undefined,
): Promise<SeedResult> {
  const firstId = options.firstId ?? 1000;
  const company = generateCompany({ ...options, firstId });
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

  const total = company.members.length * 4;
  onProgress({ stage: 'members', done: 0, total });
  const written = await bulkPut(memberItems(company.members, passwordHash, now), {
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
