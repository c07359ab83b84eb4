import { DEFAULT_SETTINGS, type CompanySettings } from '@arbor/shared/company';
import { DEMO_MARKETS } from '@arbor/shared/demo/markets';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, generateCompany, type DemoCompanyOptions } from '@arbor/shared/demo/company';
import { keys } from '@arbor/shared/keys';
import type { Member } from '@arbor/shared/members/model';
import { hashPassword } from '../auth/passwords.js';
import { settingsItem } from '../company/repository.js';
import { bulkPut } from '../lib/bulk.js';
import type { Item } from '../lib/db.js';
import { credentialsItem } from '../auth/repository/credentials.js';
import { entryItemsOf } from '../genealogy/repository.js';
import { memberItem, uniqueGuardItems } from '../members/repository.js';
import type { Product } from '@arbor/shared/catalog/product';
import {
  DEMO_CATEGORIES,
  DEMO_QUALITIES,
  DEMO_SHIPPING,
  DEMO_TAX_TABLE,
  demoProducts,
} from '@arbor/shared/demo/catalog';
import { generateCommerce, type DemoCommerce } from '@arbor/shared/demo/commerce';
import { summarizeAutoships, type Autoship } from '@arbor/shared/orders/autoship';
import { productItem } from '../catalog/repository.js';
import { DEFAULT_PLAN_ID, defaultPlanRecord } from '../commissions/plans.js';
import { activePlanItem, planItem } from '../commissions/repository/plans.js';
import { orderItem, saleVolumeEvent, volumeEventItem } from '../orders/repository.js';
import { autoshipItem } from '../autoship/repository.js';
import { giftCardItem, paymentMethodItem } from '../payments/repository.js';
import { liveVolumeItems } from '../commissions/repository/live-volumes.js';
import { DEMO_ARTICLES, DEMO_NOTE, type DemoNews } from '@arbor/shared/demo/news';
import { newsItem } from '../news/repository.js';
import { commsSeedItems } from '../comms/demo.js';
import { cardTokenItems, searchTokenItems } from '../support/repository/search.js';
import { searchTokens } from '@arbor/shared/support/search';

export interface SeedProgress {
  stage: string;
  done: number;
  total: number;
}

export interface SeedResult {
  orders: number;
  autoships: number;
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

/** The default compensation plan, stored and active. */
export function planSeedItems(now: string): Item[] {
  return [planItem(defaultPlanRecord(now)), activePlanItem(DEFAULT_PLAN_ID, now)];
}

/** The demo's company articles (by the admin) and the founder's note to everyone below it. */
export function newsSeedItems(members: readonly Member[], now: Date): Item[] {
  const admin = members.find((m) => m.username === DEMO_ACCOUNTS.admin);
  const founder = members.find((m) => m.username === DEMO_ACCOUNTS.founder);
  const day = (days: number) => new Date(now.getTime() + days * 86_400_000).toISOString();
  const item = (news: DemoNews, index: number, author: Member, kind: 'article' | 'note') =>
    newsItem({
      id: `n${String(index + 1).padStart(20, '0')}`,
      kind,
      versions: news.versions,
      audience: news.audience,
      authorId: author.id,
      authorName: kind === 'note' ? author.displayName : null,
      language: kind === 'note' ? author.language : null,
      publishAt: day(-news.publishedDaysAgo),
      expiresAt: news.expiresInDays === null ? null : day(news.expiresInDays),
      imageKey: null,
      createdAt: day(-Math.max(news.publishedDaysAgo, 0) - 1),
      updatedAt: day(-Math.max(news.publishedDaysAgo, 0) - 1),
      version: 1,
    });
  return [
    ...(admin ? DEMO_ARTICLES.map((news, index) => item(news, index, admin, 'article')) : []),
    ...(founder ? [item(DEMO_NOTE, DEMO_ARTICLES.length, founder, 'note')] : []),
  ];
}

/** Writes the demo shop alone (tests use it). */
export async function seedShop(now = new Date()): Promise<Product[]> {
  const products = demoProducts(now.toISOString());
  await bulkPut([...shopItems(products, now.toISOString())]);
  return products;
}

/** The shop: catalog, shipping rules, tax table, demo gift cards. */
function* shopItems(products: Product[], now: string): Generator<Item> {
  for (const product of products) yield productItem(product);
  for (const category of DEMO_CATEGORIES) yield { ...keys.category(category.code), entity: 'category', ...category };
  for (const quality of DEMO_QUALITIES) yield { ...keys.quality(quality.code), entity: 'quality', ...quality };
  for (const rule of DEMO_SHIPPING) yield { ...keys.shippingRule(rule.market), entity: 'shippingRule', ...rule };
  yield { ...keys.taxTable(), entity: 'taxTable', rows: DEMO_TAX_TABLE };
  for (const [code, balance, currency] of DEMO_GIFT_CARDS) {
    yield giftCardItem({ code, balance, currency, active: true, issuedBy: 'seed', issuedAt: now });
  }
}

/** Demo gift cards anyone can try at checkout. */
export const DEMO_GIFT_CARDS = [
  ['DEMO-GIFT-0025', 2500, 'USD'],
  ['DEMO-GIFT-0100', 10000, 'USD'],
  ['DEMO-REGALO-500', 50000, 'MXN'],
] as const;

/** Saved cards (the sandbox's tokens and the members' methods), orders with their volume, smart orders. */
function* commerceItems(commerce: DemoCommerce, now: string, live: readonly Item[]): Generator<Item> {
  for (const card of commerce.cards) {
    const { memberId, id, behaviour, ...token } = card;
    yield { ...keys.gatewayToken(card.token), entity: 'gatewayToken', ...token, behaviour };
    yield paymentMethodItem({
      id,
      memberId,
      token: card.token,
      brand: card.brand,
      last4: card.last4,
      expMonth: card.expMonth,
      expYear: card.expYear,
      holder: 'Demo cardholder',
      createdAt: now,
    });
    yield* cardTokenItems(memberId, card);
  }
  for (const order of commerce.orders) {
    yield orderItem(order);
    // Imported: the live volumes are written below with it, so the live stream skips these.
    yield volumeEventItem({ ...saleVolumeEvent(order), imported: true });
  }
  yield* live;
  for (const autoship of commerce.autoships) yield autoshipItem(autoship);
}

/**
 * Every item a member brings: profile, unique guards, credentials, and its entries: a partner's
 * downline-index entries (one per placement ancestor), a customer's audience entries (one per
 * enroller ancestor); and its staff-search tokens.
 */
export function* memberItems(members: readonly Member[], passwordHash: string, at: string): Generator<Item> {
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
    yield* entryItemsOf(member);
    yield* searchTokenItems(member);
  }
}

/** How many items `memberItems` yields (the progress total). */
export const itemCount = (members: readonly Member[]) =>
  members.reduce((sum, m) => sum + 4 + (m.siteName ? 1 : 0) + entryCount(m) + searchTokens(m).length, 0);

const entryCount = (m: Member) =>
  m.kind === 'partner' ? m.placementPath.length : m.kind === 'customer' ? m.sponsorPath.length : 0;

/**
 * Loads a generated demo company into an empty table. Later capabilities add
 * their own stages here (catalog, orders, autoships, periods) so one command
 * keeps producing a complete company.
 */
export async function seedDemoCompany(
  options: DemoCompanyOptions & { orderMonths?: number },
  onProgress: (progress: SeedProgress) => void = () => undefined,
): Promise<SeedResult> {
  const firstId = options.firstId ?? 1000;
  const company = generateCompany({ ...options, firstId });
  withGenealogy(company.members);
  const nowDate = options.now ?? new Date();
  const now = nowDate.toISOString();
  const products = demoProducts(now);
  const commerce = generateCommerce(company.members, products, DEMO_SHIPPING, DEMO_TAX_TABLE, {
    now: nowDate,
    months: options.orderMonths ?? 2,
    timeZone: DEFAULT_SETTINGS.timeZone,
    currencies: Object.fromEntries(DEMO_MARKETS.map((m) => [m.code, m.currency])),
  });
  // The profile carries the smart-order summary its uplines see, as the autoship side would write it.
  const catalog = new Map(products.map((p) => [p.sku, p]));
  const cardsById = new Map(commerce.cards.map((c) => [c.id, c]));
  const byMember = new Map<string, Autoship[]>();
  for (const autoship of commerce.autoships)
    byMember.set(autoship.memberId, [...(byMember.get(autoship.memberId) ?? []), autoship]);
  for (const member of company.members) {
    const summary = summarizeAutoships(
      byMember.get(member.id) ?? [],
      member.market,
      catalog,
      (id) => cardsById.get(id) ?? null,
    );
    if (summary) {
      member.autoship = summary;
      member.autoshipPv = summary.status === 'active' ? summary.pv : 0;
    }
  }
  // One hash for every demo account: hashing 100k passwords would take an hour and prove nothing.
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  const settings: CompanySettings = {
    name: 'Arbor Demo Wellness',
    markets: DEMO_MARKETS.map(({ code, name, currency, language }) => ({ code, name, currency, language })),
    ...DEFAULT_SETTINGS,
  };
  const companyItems: Item[] = [
    settingsItem(settings),
    ...settings.markets.map((market) => ({ ...keys.market(market.code), entity: 'market', ...market })),
    { ...keys.counter('MEMBER'), entity: 'counter', value: company.lastId },
    { ...keys.counter('ORDER'), entity: 'counter', value: commerce.lastOrderId },
    ...planSeedItems(now),
    ...newsSeedItems(company.members, nowDate),
    ...commsSeedItems(now),
  ];

  const shop = [...shopItems(products, now)];
  await bulkPut(shop);
  const paths = new Map(company.members.map((m) => [m.id, m.placementPath]));
  const live = liveVolumeItems(
    commerce.orders.map((order) => saleVolumeEvent(order)),
    (id) => paths.get(id) ?? [],
  );
  const total =
    itemCount(company.members) +
    commerce.cards.length * 3 +
    commerce.orders.length * 2 +
    commerce.autoships.length +
    live.length;
  onProgress({ stage: 'members', done: 0, total });
  const written = await bulkPut(
    (function* () {
      yield* memberItems(company.members, passwordHash, now);
      yield* commerceItems(commerce, now, live);
    })(),
    { onProgress: (done) => onProgress({ stage: 'members and orders', done, total }) },
  );
  // The settings item goes last: its presence is what marks the table as seeded.
  await bulkPut(companyItems);

  return {
    members: company.members.length,
    partners: company.members.filter((m) => m.kind === 'partner').length,
    customers: company.members.filter((m) => m.kind === 'customer').length,
    orders: commerce.orders.length,
    autoships: commerce.autoships.length,
    items: written + shop.length + companyItems.length,
  };
}
