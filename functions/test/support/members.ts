import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { DEFAULT_SETTINGS, type CompanySettings } from '@arbor/shared/company';
import type { Member, Role } from '@arbor/shared/members/model';
import { settingsItem } from '../../src/company/repository.js';
import { hashPassword } from '../../src/auth/passwords.js';
import { db } from '../../src/lib/aws.js';
import { env } from '../../src/lib/env.js';
import { bulkPut } from '../../src/lib/bulk.js';
import { credentialsItem } from '../../src/auth/repository/credentials.js';
import { memberItem, uniqueGuardItems } from '../../src/members/repository.js';

export const TEST_PASSWORD = 'correct horse battery';

let counter = 5000;
let hash: Promise<string> | undefined;

/** Writes a member with credentials straight to the table (test arrangement, not under test). */
export async function createTestMember(overrides: Partial<Member> & { role?: Role } = {}): Promise<Member> {
  const id = overrides.id ?? String(counter++);
  const role = overrides.role ?? 'partner';
  const kind = role === 'support' || role === 'admin' ? 'staff' : role;
  const member: Member = {
    id,
    kind,
    level: kind,
    role,
    status: 'active',
    firstName: 'Test',
    lastName: `Member${id}`,
    displayName: `Test Member${id}`,
    username: `test.${id}`,
    email: `test.${id}@example.com`,
    market: 'US',
    language: 'en',
    sponsorId: null,
    placementId: null,
    sponsorPath: [],
    placementPath: [],
    enrolledAt: new Date().toISOString(),
    firstPaidAt: null,
    paidRank: 1,
    highestRank: 1,
    version: 1,
    ...overrides,
  };
  hash ??= hashPassword(TEST_PASSWORD);
  await bulkPut([
    memberItem(member),
    ...uniqueGuardItems(member),
    credentialsItem({
      memberId: id,
      passwordHash: await hash,
      failedAttempts: 0,
      lockedUntil: null,
      passwordChangedAt: member.enrolledAt,
    }),
  ]);
  return member;
}

export async function putItem(item: Record<string, unknown>) {
  await db().send(new PutCommand({ TableName: env.tableName(), Item: item }));
}

/** The company settings enrollment and reports read (markets, levels, window, time zone). */
export async function putCompanySettings(overrides: Partial<CompanySettings> = {}) {
  await putItem(
    settingsItem({
      name: 'Test Company',
      markets: [
        { code: 'US', name: 'United States', currency: 'USD', language: 'en' },
        { code: 'MX', name: 'México', currency: 'MXN', language: 'es' },
      ],
      ...DEFAULT_SETTINGS,
      ...overrides,
    }),
  );
}

/** A partner placed (and sponsored) under `parent`, as an enrollment writes it. */
export async function partnerUnder(parent: Member | null, extra: Partial<Member> = {}) {
  return createTestMember({
    sponsorId: parent?.id ?? null,
    placementId: parent?.id ?? null,
    sponsorPath: parent ? [...parent.sponsorPath, parent.id] : [],
    placementPath: parent ? [...parent.placementPath, parent.id] : [],
    ...extra,
  });
}
