import { describe, expect, it } from 'vitest';
import { mailabilityOf } from '@arbor/shared/comms/audience';
import { generateCompany } from '@arbor/shared/demo/company';
import { keys } from '@arbor/shared/keys';
import { searchTokens } from '@arbor/shared/support/search';
import { itemCount, memberItems, withGenealogy } from '../../src/demo/seed.js';

describe('the demo seed’s audience entries', () => {
  const now = new Date('2026-11-20T12:00:00Z');
  const members = withGenealogy(generateCompany({ partners: 300, seed: 11, now }).members);
  const items = [...memberItems(members, 'hash', now.toISOString())];
  const byId = new Map(members.map((m) => [m.id, m]));

  it('counts exactly the items it writes (the progress total)', () => {
    expect(items).toHaveLength(itemCount(members));
  });

  it('gives every customer one entry under each enroller ancestor, at its enroller level', () => {
    const customers = members.filter((m) => m.kind === 'customer');
    expect(customers.length).toBeGreaterThan(0);
    const entries = items.filter((i) => i.entity === 'customerEntry');
    expect(entries).toHaveLength(customers.reduce((sum, c) => sum + c.sponsorPath.length, 0));
    for (const customer of customers) {
      const own = entries.filter((e) => e.memberId === customer.id);
      expect(own.map((e) => e.PK)).toEqual(customer.sponsorPath.map((id) => keys.customersPartition(id)));
      expect(own.map((e) => e.enrollerLevel)).toEqual(
        customer.sponsorPath.map((_, i) => customer.sponsorPath.length - i),
      );
      expect(own[0]).toMatchObject({
        SK: customer.id,
        kind: 'customer',
        status: customer.status,
        market: customer.market,
        language: customer.language,
        mail: mailabilityOf(customer),
        name: customer.displayName,
        paidRank: customer.paidRank,
        joinedAt: customer.enrolledAt,
      });
    }
  });

  it('writes the audience attributes on downline entries, the enroller level only under an enroller', () => {
    const downline = items.filter((i) => i.entity === 'downline');
    expect(downline.length).toBeGreaterThan(0);
    for (const entry of downline) {
      const member = byId.get(entry.memberId as string)!;
      expect(entry).toMatchObject({ kind: 'partner', market: member.market, language: member.language });
      expect(entry.mail).toBe(mailabilityOf(member));
      const index = member.sponsorPath.lastIndexOf(entry.uplineId as string);
      expect(entry.enrollerLevel).toBe(index === -1 ? undefined : member.sponsorPath.length - index);
    }
    // The demo has spillover (placed under someone who is not an enroller) and opted-out members.
    expect(downline.some((e) => e.enrollerLevel === undefined)).toBe(true);
    expect(downline.some((e) => e.mail === 'optedOut')).toBe(true);
  });
});

describe('the demo seed’s search tokens', () => {
  const now = new Date('2026-11-20T12:00:00Z');
  const members = withGenealogy(generateCompany({ partners: 100, seed: 7, now }).members);
  const items = [...memberItems(members, 'hash', now.toISOString())];

  it('writes each partner’s and customer’s tokens as the stream would, and none for staff', () => {
    const tokens = items.filter((i) => i.entity === 'searchToken');
    for (const member of members) {
      const own = tokens.filter((t) => t.memberId === member.id).map((t) => `${String(t.PK)}|${String(t.SK)}`);
      const expected = searchTokens(member).map((t) => {
        const key = keys.searchToken(t.field, t.token, t.memberId);
        return `${key.PK}|${key.SK}`;
      });
      expect(own.sort()).toEqual(expected.sort());
      if (member.kind === 'staff') expect(own).toEqual([]);
      else expect(own).toContain(`${keys.searchPartition('user', member.username)}|${member.username}#${member.id}`);
    }
  });
});
