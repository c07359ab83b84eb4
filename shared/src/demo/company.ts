import type { Member, MemberStatus } from '../members/model.js';
import { DEMO_MARKETS, type DemoMarket } from './markets.js';
import { Random } from './random.js';

export interface DemoCompanyOptions {
  /** Partners in the genealogy (customers and staff come on top). */
  partners: number;
  seed?: number;
  /** The demo's "today": enrollments spread over the three years before it. */
  now?: Date;
  /** First member ID to use (the seed reserves a block from the counter). */
  firstId?: number;
}

/** Well-known accounts printed by `npm start`; all share DEMO_PASSWORD. */
export const DEMO_ACCOUNTS = {
  admin: 'admin',
  support: 'support',
  founder: 'founder',
  partner: 'demo.partner',
  customer: 'demo.customer',
} as const;
export const DEMO_PASSWORD = 'Arbor-demo-2026';

export interface DemoCompany {
  members: Member[];
  /** Highest member ID used. */
  lastId: number;
}

const DAY = 86_400_000;
const PLACEMENT_WINDOW_DAYS = 30;
const SPAN_DAYS = 3 * 365;

const ascii = (value: string) =>
  value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');

/**
 * Generates a company whose genealogy has a realistic shape: most partners
 * recruit a few people and stop (many shallow legs), a few recent recruiters
 * keep building (deeper lines), a handful of legs go very deep, some members
 * spill over under their sponsor's downline, and some have canceled. Members
 * come in creation order: every sponsor and placement parent precedes its
 * children, so a writer can stream them out in order.
 */
export function generateCompany(options: DemoCompanyOptions): DemoCompany {
  const random = new Random(options.seed ?? 2026);
  const now = options.now ?? new Date();
  const start = now.getTime() - SPAN_DAYS * DAY;
  let nextId = options.firstId ?? 1000;
  const members: Member[] = [];
  const partnerCount = Math.max(2, Math.floor(options.partners));

  const make = (
    kind: Member['kind'],
    market: DemoMarket,
    enrolledAt: number,
    sponsor: Member | null,
    placement: Member | null,
    status: MemberStatus,
    username?: string,
  ): Member => {
    const id = String(nextId++);
    const firstName = random.pick(market.firstNames);
    const lastName = random.pick(market.lastNames);
    const handle = username ?? `${ascii(firstName)}.${ascii(lastName)}${id}`;
    const region = random.pick(market.regions);
    return {
      id,
      kind,
      role: kind === 'staff' ? 'support' : kind,
      level:
        kind === 'staff'
          ? 'staff'
          : kind === 'partner'
            ? random.chance(0.15)
              ? 'partner-pro'
              : 'partner'
            : random.chance(0.3)
              ? 'preferred'
              : 'customer',
      status,
      firstName,
      lastName,
      displayName: `${firstName} ${lastName}`,
      username: handle,
      email: `${handle}@example.com`,
      phone: `${market.phonePrefix}${String(random.int(0, 99)).padStart(2, '0')}`,
      market: market.code,
      language: market.language,
      sponsorId: sponsor?.id ?? null,
      placementId: placement?.id ?? null,
      sponsorPath: sponsor ? [...sponsor.sponsorPath, sponsor.id] : [],
      placementPath: placement ? [...placement.placementPath, placement.id] : [],
      enrolledAt: new Date(enrolledAt).toISOString(),
      placementWindowEndsAt:
        kind === 'partner' ? new Date(enrolledAt + PLACEMENT_WINDOW_DAYS * DAY).toISOString() : null,
      // A tenth of customers signed up and never finished an order.
      firstPaidAt:
        kind === 'staff' || (kind === 'customer' && random.chance(0.1))
          ? null
          : new Date(enrolledAt + random.int(0, 3) * DAY).toISOString(),
      paidRank: 1,
      highestRank: 1,
      address: {
        line1: `${random.int(10, 9999)} ${random.pick(market.streets)}`,
        city: random.pick(region.cities),
        region: region.region,
        postalCode: `${region.postalPrefix}${String(random.int(100, 999))}`,
        country: market.code,
      },
      emailOptOut: random.chance(0.05),
      termsAcceptedAt: new Date(enrolledAt).toISOString(),
      ...(kind === 'partner' ? { siteName: handle.replace(/[^a-z0-9]+/g, '-') } : {}),
      version: 1,
    };
  };

  const marketOf = (code: string) => DEMO_MARKETS.find((m) => m.code === code) ?? DEMO_MARKETS[0]!;
  const pickMarket = (sponsor: Member | null) =>
    sponsor && random.chance(0.85)
      ? marketOf(sponsor.market)
      : random.weighted(DEMO_MARKETS.map((m) => [m, m.code === 'US' ? 6 : m.code === 'MX' ? 3 : 1] as const));

  // Staff first: they are not in any tree.
  const admin = make('staff', DEMO_MARKETS[0]!, start, null, null, 'active', DEMO_ACCOUNTS.admin);
  admin.role = 'admin';
  members.push(admin, make('staff', DEMO_MARKETS[0]!, start, null, null, 'active', DEMO_ACCOUNTS.support));

  // The genealogy. `recruiters` holds one entry per sponsorship, so picking from
  // it favours partners who already recruit (preferential attachment).
  const partners: Member[] = [];
  const placementChildren = new Map<string, Member[]>();
  const recruiters: Member[] = [];
  const deepLegTails: Member[] = [];
  // Three deep legs grow to about sqrt(n)/2 levels: ~16 at 1k partners, ~160 at 100k.
  const deepLegChance = (3 * Math.sqrt(partnerCount)) / 2 / partnerCount;
  const root = make('partner', DEMO_MARKETS[0]!, start, null, null, 'active', DEMO_ACCOUNTS.founder);
  partners.push(root);
  members.push(root);
  const byId = new Map<string, Member>([[root.id, root]]);

  for (let i = 1; i < partnerCount; i++) {
    // Spread over the span, ending a few days before "now" so first payments are in the past too.
    const enrolledAt = start + Math.floor(((i / partnerCount) * (SPAN_DAYS - 5) + random.next()) * DAY);
    let sponsor: Member;
    const roll = random.next();
    if (i <= 4) sponsor = root;
    else if (roll < deepLegChance && deepLegTails.length > 0) {
      // A few legs keep going deep: each new member there sponsors the next.
      const leg = random.int(0, deepLegTails.length - 1);
      sponsor = deepLegTails[leg]!;
    } else if (roll < 0.3) sponsor = partners[Math.max(0, partners.length - 1 - random.int(0, 200))]!;
    else if (roll < 0.92 && recruiters.length > 0) sponsor = random.pick(recruiters);
    else sponsor = random.pick(partners);
    // The founder enrolls the first leaders, not a large share of everyone.
    if (sponsor === root && i > 50 && random.chance(0.9)) sponsor = random.pick(partners);
    // Canceled partners recruit no one: their sponsor takes the new member.
    while (sponsor.status === 'canceled' && sponsor.sponsorId) sponsor = byId.get(sponsor.sponsorId) ?? root;

    // Most are placed under their sponsor; some spill over one or two levels down.
    let placement = sponsor;
    if (random.chance(0.2)) {
      for (let hop = random.int(1, 2); hop > 0; hop--) {
        const children = placementChildren.get(placement.id);
        if (!children?.length) break;
        placement = random.pick(children);
      }
    }

    const status: MemberStatus = random.chance(0.03) ? 'canceled' : random.chance(0.12) ? 'inactive' : 'active';
    const partner = make('partner', pickMarket(sponsor), enrolledAt, sponsor, placement, status);
    partners.push(partner);
    members.push(partner);
    byId.set(partner.id, partner);
    recruiters.push(sponsor);
    const siblings = placementChildren.get(placement.id);
    if (siblings) siblings.push(partner);
    else placementChildren.set(placement.id, [partner]);
    if (i <= 3) deepLegTails.push(partner);
    else {
      const leg = deepLegTails.indexOf(sponsor);
      if (leg >= 0 && status !== 'canceled') deepLegTails[leg] = partner;
    }
  }

  // The demo partner: the first-level leader with the biggest team, so its pages are full.
  const teamSize = new Map<string, number>();
  for (const partner of partners) {
    const leader = partner.placementPath[1];
    if (leader) teamSize.set(leader, (teamSize.get(leader) ?? 0) + 1);
  }
  const leaderId = [...teamSize.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const leader = partners.find((p) => p.id === leaderId);
  if (leader) rename(leader, DEMO_ACCOUNTS.partner, 'active');

  // Customers: about four for every ten partners, sponsored by active partners.
  let demoCustomer = false;
  for (const sponsor of partners) {
    if (sponsor.status === 'canceled') continue;
    for (let n = random.poisson(0.4); n > 0; n--) {
      const joined = new Date(sponsor.enrolledAt).getTime() + random.int(1, 120) * DAY;
      const customer = make(
        'customer',
        pickMarket(sponsor),
        Math.min(joined, now.getTime() - 4 * DAY),
        sponsor,
        null,
        'active',
      );
      members.push(customer);
      if (!demoCustomer && sponsor === leader) {
        rename(customer, DEMO_ACCOUNTS.customer, 'active');
        customer.firstPaidAt ??= new Date(Date.parse(customer.enrolledAt) + DAY).toISOString();
        demoCustomer = true;
      }
    }
  }
  // The demo partner always has the demo customer, even when chance gave it no customers.
  if (!demoCustomer && leader) {
    const customer = make(
      'customer',
      marketOf(leader.market),
      Date.parse(leader.enrolledAt) + 10 * DAY,
      leader,
      null,
      'active',
    );
    rename(customer, DEMO_ACCOUNTS.customer, 'active');
    customer.firstPaidAt ??= new Date(Date.parse(customer.enrolledAt) + DAY).toISOString();
    members.push(customer);
  }
  return { members, lastId: nextId - 1 };
}

function rename(member: Member, username: string, status: MemberStatus) {
  member.username = username;
  member.email = `${username}@example.com`;
  member.status = status;
  if (member.siteName) member.siteName = username.replace(/[^a-z0-9]+/g, '-');
}
