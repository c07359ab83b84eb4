/**
 * `npm run bench:support -- --partners 100000 [--samples 200]`
 *
 * Staff search on a company of N partners: starts the local stack in memory
 * (the API on the same handlers as Lambda, no stream or jobs running), loads
 * the partners with the bulk writer as an import would (profile and the
 * search tokens the stream and the card's transaction would have written; the
 * card items themselves are left out, search never reads them), signs in as support
 * and times GET /api/support/search through the HTTP API, `samples` queries of
 * each kind: member ID, username, email, name (first and last, half of them
 * last name first), the last 7 digits of a phone as people say them
 * ("555 0142"), and a card's last 4. Prints p50, p95 and max per kind, and how
 * often the member asked for was on the first page (25 results).
 */
import { parseArgs } from 'node:util';
import { DEMO_MARKETS } from '../shared/src/demo/markets.js';
import { Random } from '../shared/src/demo/random.js';
import type { Member } from '../shared/src/members/model.js';
import { hashPassword } from '../functions/src/auth/passwords.js';
import { credentialsItem } from '../functions/src/auth/repository/credentials.js';
import { bulkPut } from '../functions/src/lib/bulk.js';
import { memberItem, uniqueGuardItems } from '../functions/src/members/repository.js';
import { cardTokenItems, searchTokenItems } from '../functions/src/support/repository/search.js';
import { freePorts } from '../infra/src/local/config.js';
import { startLocalStack } from '../infra/src/local/stack.js';
import { putBenchCompany } from './bench/company.js';
import { percentile, Session } from './bench/http.js';

const { values } = parseArgs({
  options: { partners: { type: 'string', default: '100000' }, samples: { type: 'string', default: '200' } },
});
const partners = Number(values.partners);
const samples = Number(values.samples);
const fmt = (n: number) => n.toLocaleString('en-US');

const FIRST_ID = 200_000;
const STAFF_ID = '100';
const STAFF_LOGIN = 'bench.support';
const PASSWORD = 'bench support password';
const COMPANY_WORDS = [
  'Wellness',
  'Health',
  'Green',
  'Life',
  'Vital',
  'Solutions',
  'Group',
  'Naturals',
  'Home',
  'Pure',
];
const ascii = (value: string) =>
  value
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');

interface Bench {
  member: Member;
  last4: string;
}

/** Partner k: a name from its market's lists, a phone of its own, a card; one in ten trades as a company. */
function partnerOf(k: number, random: Random): Bench {
  const market = DEMO_MARKETS[k % 10 < 6 ? 0 : k % 10 < 9 ? 1 : 2]!;
  const firstName = random.pick(market.firstNames);
  const lastName = random.pick(market.lastNames);
  const id = String(FIRST_ID + k);
  const handle = `${ascii(firstName)}.${ascii(lastName)}${k}`;
  const line = String(1_000_000 + ((k * 7_919) % 9_000_000)).slice(-7);
  const phone =
    market.code === 'MX'
      ? `+52 55 ${line.slice(0, 3)} ${line.slice(3)}`
      : `+1 (512) ${line.slice(0, 3)}-${line.slice(3)}`;
  const company = random.chance(0.1) ? `${random.pick(COMPANY_WORDS)} ${lastName} ${random.pick(COMPANY_WORDS)}` : null;
  const parent = k === 0 ? null : String(FIRST_ID + Math.floor((k - 1) / 10));
  return {
    member: {
      id,
      kind: 'partner',
      role: 'partner',
      level: 'partner',
      status: k % 11 === 0 ? 'inactive' : 'active',
      firstName,
      lastName,
      displayName: `${firstName} ${lastName}`,
      username: handle,
      email: `${handle}@example.com`,
      phone,
      ...(company ? { companyName: company } : {}),
      market: market.code,
      language: market.code === 'MX' ? 'es' : 'en',
      sponsorId: parent,
      placementId: parent,
      sponsorPath: [],
      placementPath: [],
      indexedPath: [],
      enrolledAt: '2029-01-01T00:00:00.000Z',
      firstPaidAt: null,
      paidRank: 1,
      highestRank: 1,
      version: 1,
    },
    last4: String(random.int(0, 9999)).padStart(4, '0'),
  };
}

const ports = await freePorts();
console.log(`starting the local stack (in memory, API only) and loading ${fmt(partners)} partners…`);
const stack = await startLocalStack({ config: { dataDir: null, ports }, jobs: false });
try {
  const started = Date.now();
  await putBenchCompany();
  const random = new Random(11);
  const all: Bench[] = [];
  const staff: Member = {
    ...partnerOf(0, new Random(1)).member,
    id: STAFF_ID,
    kind: 'staff',
    role: 'support',
    level: 'staff',
    firstName: 'Bench',
    lastName: 'Support',
    displayName: 'Bench Support',
    username: STAFF_LOGIN,
    email: 'bench.support@example.com',
  };
  const written = await bulkPut(
    (function* () {
      yield memberItem(staff);
      yield* uniqueGuardItems(staff);
      for (let k = 0; k < partners; k++) {
        const bench = partnerOf(k, random);
        all.push(bench);
        const { member, last4 } = bench;
        const card = { id: `card-${member.id}`, last4 };
        yield memberItem(member);
        yield* searchTokenItems(member);
        yield* cardTokenItems(member.id, card);
      }
    })(),
  );
  await bulkPut([
    credentialsItem({
      memberId: STAFF_ID,
      passwordHash: await hashPassword(PASSWORD),
      failedAttempts: 0,
      lockedUntil: null,
      passwordChangedAt: '2029-01-01T00:00:00.000Z',
    }),
  ]);
  console.log(`loaded ${fmt(written)} items in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const agent = new Session(stack.urls.app);
  await agent.signIn(STAFF_LOGIN, PASSWORD);
  const pick = new Random(5);
  const phoneTail = (phone: string) => {
    const digits = phone.replace(/\D/g, '').slice(-7);
    return `${digits.slice(0, 3)} ${digits.slice(3)}`;
  };
  const kinds: { kind: string; query: (b: Bench, i: number) => string }[] = [
    { kind: 'ID', query: (b) => b.member.id },
    { kind: 'username', query: (b) => b.member.username },
    { kind: 'email', query: (b) => b.member.email },
    {
      kind: 'name (first last, either order)',
      query: (b, i) =>
        i % 2 ? `${b.member.lastName} ${b.member.firstName}` : `${b.member.firstName} ${b.member.lastName}`,
    },
    { kind: 'phone (last 7 digits)', query: (b) => phoneTail(b.member.phone!) },
    { kind: 'card last 4', query: (b) => b.last4 },
  ];

  // A few searches first, so the figures are of a warm API (as a Lambda serving staff all day is).
  for (let i = 0; i < 20; i++)
    await agent.request('GET', `/api/support/search?q=${encodeURIComponent(all[i]!.member.lastName)}`);

  const rows = [];
  for (const { kind, query } of kinds) {
    const times: number[] = [];
    let onFirstPage = 0;
    let results = 0;
    for (let i = 0; i < samples; i++) {
      const bench = pick.pick(all);
      const q = query(bench, i);
      const start = performance.now();
      const response = await agent.request('GET', `/api/support/search?q=${encodeURIComponent(q)}`);
      times.push(performance.now() - start);
      if (response.status !== 200) throw new Error(`search ${q}: ${response.status} ${JSON.stringify(response.json)}`);
      const items = (response.json as { items: { id: string }[] }).items;
      results += items.length;
      if (items.some((item) => item.id === bench.member.id)) onFirstPage++;
    }
    rows.push({
      search: kind,
      queries: samples,
      'p50 ms': percentile(times, 50).toFixed(1),
      'p95 ms': percentile(times, 95).toFixed(1),
      'max ms': Math.max(...times).toFixed(1),
      'results / query': (results / samples).toFixed(1),
      'member on page 1': `${Math.round((onFirstPage / samples) * 100)} %`,
    });
  }
  console.log(
    `\nstaff search on the local stack, ${fmt(partners)} partners (GET /api/support/search through the HTTP API, 25 per page)`,
  );
  console.table(rows);
} finally {
  await stack.stop();
}
