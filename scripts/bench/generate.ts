/**
 * Deterministic period inputs for the engine benchmark. Records are written
 * as JSON text in chunks straight to a file descriptor, so a million partners
 * take seconds and never sit in memory as objects.
 */
import { closeSync, openSync, writeSync } from 'node:fs';

/** mulberry32: small, fast, seeded; good enough to shape test data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GeneratedInput {
  partners: number;
  customers: number;
  orders: number;
  /** Deepest placement level (roots are level 0). */
  maxDepth: number;
  bytes: number;
}

class JsonFileWriter {
  private readonly fd: number;
  private buffer = '';
  bytes = 0;

  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }

  write(text: string): void {
    this.buffer += text;
    if (this.buffer.length >= 1 << 20) this.flush();
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }

  private flush(): void {
    const bytes = Buffer.from(this.buffer, 'utf8');
    for (let written = 0; written < bytes.length;) written += writeSync(this.fd, bytes, written);
    this.bytes += bytes.length;
    this.buffer = '';
  }
}

const partnerId = (i: number) => String(100_001 + i);

function memberJson(
  id: string,
  kind: 'partner' | 'customer',
  sponsor: string | null,
  placement: string | null,
  status: string,
  highestRank: number,
): string {
  const s = sponsor === null ? 'null' : `"${sponsor}"`;
  const p = placement === null ? 'null' : `"${placement}"`;
  return `{"id":"${id}","kind":"${kind}","sponsorId":${s},"placementId":${p},"status":"${status}","highestRank":${highestRank}}`;
}

function orderJson(id: number, buyer: string, pv: number, cv: number, firstOrder: boolean): string {
  return `{"id":"o-${id}","buyerId":"${buyer}","pv":${pv},"cv":${cv},"firstOrder":${firstOrder}}`;
}

const PARTNER_PV = [20, 40, 50, 50, 60, 80, 100, 100, 100, 120, 150, 200];
const CUSTOMER_PV = [20, 30, 40, 50, 60, 80];
const DEEP_LEGS = 8;

/**
 * A company-shaped genealogy: three roots; a few deep legs (builders who keep
 * recruiting under their newest recruit); many shallow branches (recruits of
 * anyone, or of someone recent); a quarter of placements spilled under the
 * sponsor's latest recruit; ~9 % inactive and ~5 % canceled partners; one
 * customer for every four partners; orders from partners and customers,
 * about 8 % of them first orders, cv about 80 cents per point.
 */
export function writeRealisticInput(
  path: string,
  options: { partners: number; orders: number; seed: number; kind?: 'monthly' | 'weekly' },
): GeneratedInput {
  const random = seededRandom(options.seed);
  const pick = (n: number) => Math.floor(random() * n);
  const n = options.partners;
  const customers = Math.round(n / 4);
  const out = new JsonFileWriter(path);
  out.write(`{"period":{"id":"2026-11","kind":"${options.kind ?? 'monthly'}"},"partners":[`);

  const depth = new Int32Array(n);
  const latestRecruit = new Int32Array(n).fill(-1);
  const deepTips = new Int32Array(DEEP_LEGS).fill(-1);
  let maxDepth = 0;
  for (let i = 0; i < n; i++) {
    let sponsor = -1;
    let placement = -1;
    if (i >= 3) {
      const r = random();
      if (r < 0.03) {
        const leg = pick(DEEP_LEGS);
        sponsor = deepTips[leg] === -1 ? pick(3) : deepTips[leg]!;
        deepTips[leg] = i;
      } else if (r < 0.35) {
        sponsor = i - 1 - pick(Math.min(i - 1, 5000));
      } else {
        sponsor = pick(i);
      }
      const spill = latestRecruit[sponsor]!;
      placement = spill !== -1 && random() < 0.25 ? spill : sponsor;
      latestRecruit[sponsor] = i;
      depth[i] = depth[placement]! + 1;
      if (depth[i]! > maxDepth) maxDepth = depth[i]!;
    }
    const s = random();
    const status = s < 0.05 ? 'canceled' : s < 0.14 ? 'inactive' : 'active';
    const h = random();
    const highestRank = h < 0.85 ? 1 : h < 0.95 ? 2 : h < 0.99 ? 3 : 4;
    out.write(
      `${i === 0 ? '' : ','}${memberJson(
        partnerId(i),
        'partner',
        sponsor === -1 ? null : partnerId(sponsor),
        placement === -1 ? null : partnerId(placement),
        status,
        highestRank,
      )}`,
    );
  }
  for (let c = 0; c < customers; c++) {
    out.write(`,${memberJson(partnerId(n + c), 'customer', partnerId(pick(n)), null, 'active', 1)}`);
  }
  out.write('],"orders":[');
  for (let o = 0; o < options.orders; o++) {
    const byCustomer = customers > 0 && random() < 0.3;
    const buyer = byCustomer ? partnerId(n + pick(customers)) : partnerId(pick(n));
    const prices = byCustomer ? CUSTOMER_PV : PARTNER_PV;
    const pv = prices[pick(prices.length)]!;
    const cv = pv * 75 + pick(pv * 10);
    out.write(`${o === 0 ? '' : ','}${orderJson(o, buyer, pv, cv, random() < 0.08)}`);
  }
  out.write(']}\n');
  out.close();
  return { partners: n, customers, orders: options.orders, maxDepth, bytes: out.bytes };
}

/**
 * One chain: partner i is sponsored and placed by partner i-1. Listed deepest
 * first, so nothing may rely on parents coming before children. Every tenth
 * partner is inactive and every 97th canceled (compression across the chain);
 * order k is bought by partner k mod N, every tenth a first order.
 */
export function writeChainInput(path: string, options: { partners: number; orders: number }): GeneratedInput {
  const n = options.partners;
  const out = new JsonFileWriter(path);
  out.write('{"period":{"id":"2026-11","kind":"monthly"},"partners":[');
  for (let i = n - 1; i >= 0; i--) {
    const parent = i === 0 ? null : partnerId(i - 1);
    const status = i % 97 === 0 ? 'canceled' : i % 10 === 0 ? 'inactive' : 'active';
    out.write(`${i === n - 1 ? '' : ','}${memberJson(partnerId(i), 'partner', parent, parent, status, 1)}`);
  }
  out.write('],"orders":[');
  for (let o = 0; o < options.orders; o++) {
    out.write(`${o === 0 ? '' : ','}${orderJson(o, partnerId(o % n), 100, 8000, o % 10 === 0)}`);
  }
  out.write(']}\n');
  out.close();
  return { partners: n, customers: 0, orders: options.orders, maxDepth: n - 1, bytes: out.bytes };
}
