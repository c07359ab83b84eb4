import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../src/company.js';
import { DEMO_SHIPPING, DEMO_TAX_TABLE, demoProducts } from '../src/demo/catalog.js';
import { generateCommerce } from '../src/demo/commerce.js';
import { DEMO_ACCOUNTS, generateCompany } from '../src/demo/company.js';
import { DEMO_MARKETS } from '../src/demo/markets.js';
import type { Member } from '../src/members/model.js';

const now = new Date('2026-11-23T00:00:00Z');

describe('demo company', () => {
  const company = generateCompany({ partners: 3000, now });
  const byId = new Map(company.members.map((m) => [m.id, m]));
  const partners = company.members.filter((m) => m.kind === 'partner');

  it('is deterministic for a seed and differs for another', () => {
    const again = generateCompany({ partners: 3000, now });
    expect(again.members).toEqual(company.members);
    const other = generateCompany({ partners: 3000, now, seed: 7 });
    expect(other.members.map((m) => m.sponsorId)).not.toEqual(company.members.map((m) => m.sponsorId));
  });

  it('has exactly the partners asked for, plus customers and staff', () => {
    expect(partners).toHaveLength(3000);
    const customers = company.members.filter((m) => m.kind === 'customer');
    expect(customers.length).toBeGreaterThan(600);
    expect(
      company.members
        .filter((m) => m.kind === 'staff')
        .map((m) => m.role)
        .sort(),
    ).toEqual(['admin', 'support']);
    expect(new Set(company.members.map((m) => m.id)).size).toBe(company.members.length);
    expect(new Set(company.members.map((m) => m.username)).size).toBe(company.members.length);
    expect(company.lastId).toBe(Math.max(...company.members.map((m) => Number(m.id))));
  });

  it('lists every parent before its children, with consistent paths', () => {
    const seen = new Set<string>();
    for (const member of company.members) {
      for (const parent of [member.sponsorId, member.placementId]) if (parent) expect(seen.has(parent)).toBe(true);
      seen.add(member.id);
      const sponsor = member.sponsorId ? byId.get(member.sponsorId) : undefined;
      expect(member.sponsorPath).toEqual(sponsor ? [...sponsor.sponsorPath, sponsor.id] : []);
      const parent = member.placementId ? byId.get(member.placementId) : undefined;
      expect(member.placementPath).toEqual(parent ? [...parent.placementPath, parent.id] : []);
      expect(Date.parse(member.enrolledAt)).toBeLessThan(now.getTime());
      if (member.firstPaidAt) expect(Date.parse(member.firstPaidAt)).toBeLessThan(now.getTime());
    }
  });

  it('places every partner inside its sponsor’s placement downline, and customers nowhere', () => {
    for (const member of company.members) {
      if (member.kind === 'customer') {
        expect(member.placementId).toBeNull();
        expect(byId.get(member.sponsorId!)?.kind).toBe('partner');
      }
      if (member.kind === 'partner' && member.sponsorId) {
        const underSponsor = member.placementId === member.sponsorId || member.placementPath.includes(member.sponsorId);
        expect(underSponsor).toBe(true);
        expect(byId.get(member.sponsorId)?.status).not.toBe('canceled');
      }
    }
  });

  it('has a realistic shape: many shallow legs, a few deep ones, some canceled, several markets', () => {
    const depths = partners.map((p) => p.placementPath.length);
    const childCount = new Map<string, number>();
    for (const p of partners)
      if (p.placementId) childCount.set(p.placementId, (childCount.get(p.placementId) ?? 0) + 1);
    const leaves = partners.filter((p) => !childCount.has(p.id)).length;
    expect(leaves / partners.length).toBeGreaterThan(0.45); // most people recruit no one
    expect(Math.max(...depths)).toBeGreaterThan(20); // a few deep legs
    expect(depths.reduce((a, b) => a + b, 0) / depths.length).toBeLessThan(12);
    const canceled = partners.filter((p) => p.status === 'canceled').length / partners.length;
    expect(canceled).toBeGreaterThan(0.01);
    expect(canceled).toBeLessThan(0.06);
    expect(new Set(company.members.map((m) => m.market)).size).toBeGreaterThanOrEqual(2);
    expect(new Set(company.members.map((m) => m.language))).toEqual(new Set(['en', 'es']));
  });

  it('gives the demo partner a real team and a customer', () => {
    const demo = company.members.find((m) => m.username === DEMO_ACCOUNTS.partner) as Member;
    expect(demo.kind).toBe('partner');
    expect(demo.status).toBe('active');
    expect(partners.filter((p) => p.placementPath.includes(demo.id)).length).toBeGreaterThan(100);
    const customer = company.members.find((m) => m.username === DEMO_ACCOUNTS.customer);
    expect(customer?.sponsorId).toBe(demo.id);
  });
});

describe('demo commerce', () => {
  const company = generateCompany({ partners: 300, now });
  const products = demoProducts(now.toISOString());
  const commerce = generateCommerce(company.members, products, DEMO_SHIPPING, DEMO_TAX_TABLE, {
    now,
    months: 2,
    timeZone: DEFAULT_SETTINGS.timeZone,
    currencies: Object.fromEntries(DEMO_MARKETS.map((m) => [m.code, m.currency])),
  });

  it('tells each order’s story in its history: paid, then shipped with its tracking, then delivered', () => {
    const statuses = new Set(commerce.orders.map((o) => o.status));
    expect([...statuses].sort()).toEqual(['delivered', 'paid', 'shipped']);
    for (const order of commerce.orders) {
      const story = order.history.map((e) => e.status);
      expect(story).toEqual(
        order.status === 'paid'
          ? ['paid']
          : order.status === 'shipped'
            ? ['paid', 'shipped']
            : ['paid', 'shipped', 'delivered'],
      );
      const times = order.history.map((e) => e.at);
      expect([...times].sort()).toEqual(times);
      if (order.trackingNumber) expect(order.history[1]?.note).toContain(order.trackingNumber);
      expect(order.buyerName).toBe(company.members.find((m) => m.id === order.buyerId)?.displayName);
    }
  });
});
