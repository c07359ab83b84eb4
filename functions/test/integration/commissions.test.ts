import { beforeAll, describe, expect, it } from 'vitest';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '@arbor/shared/keys';
import type { PartnerPeriod } from '@arbor/shared/commissions/records';
import type { Member } from '@arbor/shared/members/model';
import { monthlyPeriodOf, weeklyPeriodOf } from '@arbor/shared/periods';
import { previousMonth } from '@arbor/shared/time';
import { db } from '../../src/lib/aws.js';
import { bulkPut } from '../../src/lib/bulk.js';
import { env } from '../../src/lib/env.js';
import { planSeedItems } from '../../src/demo/seed.js';
import { volumeEventItem, type VolumeEvent } from '../../src/orders/repository.js';
import type { Client } from '../support/api.js';
import { signedIn } from '../support/api.js';
import { createTestMember, partnerUnder, putCompanySettings } from '../support/members.js';
import { sendStatements } from '../../src/commissions/statements.js';
import { mailTo } from '../support/mail.js';
import { drainQueue, streamSettled } from '../support/stand-ins.js';

type ErrorBody = { error: { code: string; message: string; details: { field?: string }[] } };
type PeriodBody = {
  period: {
    id: string;
    state: string;
    totals: Record<string, number> | null;
    progress: { step: string; error?: string } | null;
  };
};

const TZ = 'America/Chicago';
let root: Member, a: Member, b: Member, customer: Member, admin: Member;
let staff: Client;

const event = (
  orderId: string,
  buyer: Member,
  owner: Member,
  pv: number,
  cv: number,
  at: string,
  firstOrder = false,
  seq = 1,
  kind: VolumeEvent['kind'] = 'sale',
) =>
  volumeEventItem({
    orderId,
    seq,
    kind,
    buyerId: buyer.id,
    ownerId: owner.id,
    pv,
    cv,
    firstOrder,
    at,
    month: monthlyPeriodOf(new Date(at), TZ),
    week: weeklyPeriodOf(new Date(at), TZ),
  });

async function waitFor(periodId: string, state: string) {
  for (let i = 0; i < 200; i++) {
    const response = await staff.get<PeriodBody>(`/api/admin/periods/${periodId}`);
    if (response.body.period.state === state) return response.body.period;
    if (response.body.period.progress?.step === 'failed')
      throw new Error(`close failed: ${response.body.period.progress.error}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`period ${periodId} never became ${state}`);
}

/**
 *   root ── a ── b        (b's first order, September: fast start to a and root)
 *            └── customer of a
 * September orders (CV in cents): a 8000 repeat, the customer 5000, b 10000 first, root 60 PV no CV.
 */
beforeAll(async () => {
  await putCompanySettings({ timeZone: TZ });
  await bulkPut(planSeedItems(new Date().toISOString()));
  root = await partnerUnder(null);
  a = await partnerUnder(root);
  b = await partnerUnder(a);
  customer = await createTestMember({ role: 'customer', sponsorId: a.id, sponsorPath: [root.id, a.id] });
  admin = await createTestMember({ role: 'admin' });
  await bulkPut([
    event('9001', a, a, 100, 8000, '2026-09-10T15:00:00.000Z'),
    event('9002', customer, a, 40, 5000, '2026-09-11T15:00:00.000Z'),
    event('9003', b, b, 100, 10000, '2026-09-16T15:00:00.000Z', true),
    event('9004', root, root, 60, 0, '2026-09-12T15:00:00.000Z'),
    // October: part of a's September order comes back.
    event('9001', a, a, -25, -2000, '2026-10-05T15:00:00.000Z', false, 2, 'refund'),
  ]);
  staff = await signedIn(admin);
  await streamSettled();
});

describe('period close', () => {
  it('calculates a month through the state machine: unilevel by the plan, one result per partner', async () => {
    const started = await staff.post<{ executionArn: string }>('/api/admin/periods/2026-09/calculate');
    expect(started.status).toBe(202);
    const period = await waitFor('2026-09', 'calculated');
    // a's order: root is level 1 (5 % of 8000 = 400); the customer's order counts as a's: 5 % of 5000 = 250.
    // b's first order pays no unilevel.
    expect(period.totals).toMatchObject({ unilevel: 650, fastStart: 0, rankAdvancement: 0, payees: 1, orders: 4 });

    const asRoot = await signedIn(root);
    const detail = await asRoot.get<{
      total: number;
      pv: number;
      gv: number;
      lines: { amount: number; sourceOrderId: string; explanation: string }[];
    }>('/api/commissions/periods/2026-09');
    expect(detail.body).toMatchObject({ total: 650, pv: 60, gv: 300, currency: 'USD' });
    // The record's table keys stay inside.
    expect(Object.keys(detail.body).filter((key) => /^(PK|SK|GSI\d|entity)/.test(key))).toEqual([]);
    expect(detail.body.lines.map((l) => [l.sourceOrderId, l.amount]).sort()).toEqual([
      ['9001', 400],
      ['9002', 250],
    ]);
    expect(detail.body.lines.find((l) => l.sourceOrderId === '9002')?.explanation).toMatch(
      /Unilevel level 1: 5% of order 9002/,
    );
  });

  it('re-runs a calculation with the same results', async () => {
    const before = (await staff.get<PeriodBody>('/api/admin/periods/2026-09')).body.period.totals;
    await staff.post('/api/admin/periods/2026-09/calculate');
    const after = await waitFor('2026-09', 'calculated');
    expect(after.totals).toEqual(before);
  });

  it('pays fast start in the week of the first order', async () => {
    const week = weeklyPeriodOf(new Date('2026-09-16T15:00:00.000Z'), TZ);
    await staff.post(`/api/admin/periods/${week}/calculate`);
    const period = await waitFor(week, 'calculated');
    // 20 % to the sponsor (a), 5 % to the sponsor's sponsor (root).
    expect(period.totals).toMatchObject({ fastStart: 2500, unilevel: 0 });
    const asA = await signedIn(a);
    const detail = await asA.get<{ total: number; lines: { bonus: string; level: number }[] }>(
      `/api/commissions/periods/${week}`,
    );
    expect(detail.body).toMatchObject({ total: 2000, lines: [{ bonus: 'fastStart', level: 1 }] });
  });

  it('refuses what it should, naming the rule, and changes nothing', async () => {
    // The month still running in the company's zone (a fixed month here stopped being open when it ended).
    const open = await staff.post<ErrorBody>(`/api/admin/periods/${monthlyPeriodOf(new Date(), TZ)}/calculate`);
    expect(open.status).toBe(409);
    expect(open.body.error.code).toBe('period_open');
    const notCalculated = await staff.post<ErrorBody>('/api/admin/periods/2026-08/finalize');
    expect(notCalculated.status).toBe(422);
    expect(notCalculated.body.error.code).toBe('not_calculated');
    expect((await staff.post<ErrorBody>('/api/admin/periods/2026-13/calculate')).status).toBe(400);
    expect((await (await signedIn(a)).post('/api/admin/periods/2026-09/calculate')).status).toBe(403);
    const badPlan = await staff.post<ErrorBody>('/api/admin/plans', {
      name: 'Broken',
      document: { activePv: 50, unilevelRatesBp: [500], fastStartRatesBp: [], ranks: [{ rank: 2, name: 'X' }] },
    });
    expect(badPlan.status).toBe(400);
    expect(badPlan.body.error.details.map((d) => d.field)).toEqual(
      expect.arrayContaining(['body.document.ranks.0.pv']),
    );
  });

  it('tells every page the ranks of the plan in force, with the payout currency', async () => {
    const { DEFAULT_PLAN } = await import('@arbor/shared/commissions/plan');
    const company = await staff.get<{ payoutCurrency: string; ranks: { rank: number; name: string }[] }>(
      '/api/company',
    );
    expect(company.body.payoutCurrency).toBe('USD');
    expect(company.body.ranks).toEqual(DEFAULT_PLAN.ranks.map(({ rank, name }) => ({ rank, name })));
  });

  it('compares a draft plan with the period, without touching the ledger', async () => {
    const { DEFAULT_PLAN } = await import('@arbor/shared/commissions/plan');
    const draft = await staff.post<{ plan: { id: string } }>('/api/admin/plans', {
      name: 'Ten percent first level',
      document: { ...DEFAULT_PLAN, unilevelRatesBp: [1000, ...DEFAULT_PLAN.unilevelRatesBp.slice(1)] },
    });
    expect(draft.status).toBe(201);
    const compared = await staff.post<{
      current: { unilevel: number };
      draft: { unilevel: number };
      largestChanges: { memberId: string; change: number }[];
    }>('/api/admin/what-if', { periodId: '2026-09', planId: draft.body.plan.id });
    expect(compared.body.current.unilevel).toBe(650);
    expect(compared.body.draft.unilevel).toBe(1300);
    expect(compared.body.largestChanges).toEqual([expect.objectContaining({ memberId: root.id, change: 650 })]);
    const period = await staff.get<PeriodBody>('/api/admin/periods/2026-09');
    expect(period.body.period.totals?.unilevel).toBe(650);
  });

  it('finalizes: immutable, ranks on profiles, earnings into balances; later refunds reverse in the open period', async () => {
    await staff.post('/api/admin/periods/2026-09/finalize');
    await waitFor('2026-09', 'finalized');
    expect((await staff.post<ErrorBody>('/api/admin/periods/2026-09/calculate')).status).toBe(409);
    const balance = await db().send(new GetCommand({ TableName: env.tableName(), Key: keys.balance(root.id) }));
    expect(balance.Item?.amount).toBe(650);
    const profile = await db().send(new GetCommand({ TableName: env.tableName(), Key: keys.member(root.id) }));
    expect(profile.Item?.rankPeriod).toBe('2026-09');

    // Each earning partner gets its statement, once: a retried chunk queues the same mail again.
    await drainQueue('email');
    const result = await db().send(
      new GetCommand({ TableName: env.tableName(), Key: keys.partnerPeriod(root.id, '2026-09') }),
    );
    expect(result.Item?.total).toBe(650);
    await sendStatements('2026-09', [result.Item as PartnerPeriod]);
    await drainQueue('email');
    const statements = (await mailTo(root.email)).filter((m) => m.subject.includes('September 2026'));
    expect(statements).toHaveLength(1);
    expect(statements[0]?.body.text).toMatch(/final: \$6\.50\.\nUnilevel: \$6\.50/);
    expect(statements[0]?.body.text).toContain('/commissions/2026-09');
    expect((await mailTo(a.email)).filter((m) => m.subject.includes('September 2026'))).toEqual([]);

    // October: a quarter of order 9001's CV was refunded (2000 of 8000): root gives back 100 of its 400.
    await staff.post('/api/admin/periods/2026-10/calculate');
    const october = await waitFor('2026-10', 'calculated');
    expect(october.totals).toMatchObject({ reversal: -100, unilevel: 0 });
    const lines = await (
      await signedIn(root)
    ).get<{ lines: { bonus: string; amount: number; explanation: string }[] }>('/api/commissions/periods/2026-10');
    expect(lines.body.lines).toEqual([expect.objectContaining({ bonus: 'reversal', amount: -100 })]);
    expect(lines.body.lines[0]?.explanation).toMatch(/refunded/);
  });

  it('exports the payout batch: minimum carried forward, bank numbers only in the export, then marks it paid', async () => {
    const week = weeklyPeriodOf(new Date('2026-09-16T15:00:00.000Z'), TZ);
    await (
      await signedIn(a)
    ).request('PUT', '/api/members/me/direct-deposit', {
      holder: 'A Partner',
      bankName: 'First Test Bank',
      routingNumber: '110000000',
      accountNumber: '000123456789',
    });
    expect(
      (await (await signedIn(a)).get<{ member: { directDeposit: { accountNumber: string } } }>('/api/members/me')).body
        .member.directDeposit.accountNumber,
    ).toBe('••••6789');
    await staff.post(`/api/admin/periods/${week}/finalize`);
    await waitFor(week, 'finalized');
    const csv = await staff.raw(`/api/admin/periods/${week}/payouts.csv`);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const text = await csv.text();
    const rows = text
      .trim()
      .split('\r\n')
      .map((r) => r.split(','));
    // a: 20.00 >= the 10.00 minimum, paid to its bank; root: 5.00 + 6.50 = 11.50 >= 10.00 but no bank details.
    expect(rows.find((r) => r[0] === a.id)).toEqual(
      expect.arrayContaining(['20.00', 'pay', '110000000', '000123456789']),
    );
    expect(rows.find((r) => r[0] === root.id)).toEqual(expect.arrayContaining(['11.50', 'pay_missing_bank_details']));
    const paid = await staff.post<{ period: { state: string }; paid: number }>(`/api/admin/periods/${week}/paid`);
    expect(paid.body.period.state).toBe('paid');
    const balance = await db().send(new GetCommand({ TableName: env.tableName(), Key: keys.balance(a.id) }));
    expect(balance.Item?.amount).toBe(0);
  });
});

describe('live volumes and rank progress', () => {
  it('shows a paid order in the owner’s PV and every upline’s GV within moments', async () => {
    type Live = { pv: number; gv: number; month: string };
    const summary = async (member: Member) =>
      (await (await signedIn(member)).get<{ live: Live; liveLastMonth: Live }>('/api/commissions/summary')).body;
    const before = { b: await summary(b), root: await summary(root) };
    // One order paid now, one paid in the middle of last month (a month nobody has calculated).
    const lastMonth = before.b.liveLastMonth.month;
    expect(lastMonth).toBe(previousMonth(before.b.live.month));
    await bulkPut([
      event('9100', b, b, 80, 6000, new Date().toISOString()),
      event('9101', b, b, 30, 2000, `${lastMonth}-15T18:00:00.000Z`),
    ]);
    await streamSettled();
    expect((await summary(b)).live).toMatchObject({ pv: 80, gv: 80 });
    expect((await summary(a)).live).toMatchObject({ pv: 0, gv: 80 });
    expect((await summary(root)).live).toMatchObject({ pv: 0, gv: 80 });
    expect((await summary(b)).liveLastMonth).toMatchObject({ pv: before.b.liveLastMonth.pv + 30 });
    expect((await summary(root)).liveLastMonth).toMatchObject({ gv: before.root.liveLastMonth.gv + 30 });
    const team = await (
      await signedIn(root)
    ).get<{ items: { id: string; pv: number | null; gv: number | null }[] }>('/api/team/unilevel');
    expect(team.body.items.find((r) => r.id === b.id)).toMatchObject({ pv: 80, gv: 80 });
    expect(team.body.items.find((r) => r.id === a.id)).toMatchObject({ pv: 0, gv: 80 });
  });

  it('says exactly what is missing for the next rank and every higher one', async () => {
    const progress = await (
      await signedIn(a)
    ).get<{
      ranks: {
        rank: number;
        qualified: boolean;
        pv: { missing: number };
        gv: { missing: number };
        activeEnrolled: { missing: number };
      }[];
    }>('/api/commissions/rank-progress');
    expect(progress.body.ranks.map((r) => r.rank)).toEqual([2, 3, 4, 5, 6]);
    // Bronze: 50 PV (a has 0 this month), GV 300 (a's leg b has 80), 2 active enrolled (b is one).
    expect(progress.body.ranks[0]).toMatchObject({
      qualified: false,
      pv: { missing: 50 },
      gv: { missing: 220 },
      activeEnrolled: { missing: 1 },
    });
    expect((await (await signedIn(b)).get(`/api/commissions/rank-progress?member=${a.id}`)).status).toBe(404);
  });
});

describe('a plan that moves bonuses between monthly and weekly periods', () => {
  it('pays fast start in the month and rank advancement in the week, and posts ranks from the week', async () => {
    const { DEFAULT_PLAN } = await import('@arbor/shared/commissions/plan');
    // Bronze pays 50.00 once; fast start moves to the month, rank advancement to the week.
    const draft = await staff.post<{ plan: { id: string } }>('/api/admin/plans', {
      name: 'Moved bonuses',
      document: {
        ...DEFAULT_PLAN,
        bonusPeriods: { fastStart: 'monthly', rankAdvancement: 'weekly' },
        ranks: DEFAULT_PLAN.ranks.map((r) => (r.rank === 2 ? { ...r, advancementBonus: 5000 } : r)),
      },
    });
    expect(draft.status).toBe(201);
    expect((await staff.post(`/api/admin/plans/${draft.body.plan.id}/activate`)).status).toBe(200);

    // b enrolls c and d; in one July week b (100 PV) and both of them (100 PV each) order,
    // c's order its first: b reaches Bronze (GV 300, 2 active enrolled).
    const c = await partnerUnder(b);
    const d = await partnerUnder(b);
    const at = '2026-07-15T15:00:00.000Z';
    await bulkPut([
      event('9201', b, b, 100, 4000, at),
      event('9202', c, c, 100, 10000, at, true),
      event('9203', d, d, 100, 0, at),
    ]);
    await streamSettled();
    const summary = await (await signedIn(b)).get<{ bonusPeriods: unknown }>('/api/commissions/summary');
    expect(summary.body.bonusPeriods).toEqual({ unilevel: 'monthly', fastStart: 'monthly', rankAdvancement: 'weekly' });

    // The month: fast start to b (20 % of 10000) and a (5 %); no rank advancement. a is not
    // active in July, so b's order pays no unilevel.
    await staff.post('/api/admin/periods/2026-07/calculate');
    const month = await waitFor('2026-07', 'calculated');
    expect(month.totals).toMatchObject({ unilevel: 0, fastStart: 2500, rankAdvancement: 0 });
    await staff.post('/api/admin/periods/2026-07/finalize');
    await waitFor('2026-07', 'finalized');
    const profile = async (member: Member) =>
      (await db().send(new GetCommand({ TableName: env.tableName(), Key: keys.member(member.id) }))).Item;
    // The month pays no rank advancement, so it leaves ranks on the profiles alone.
    expect((await profile(c))?.rankPeriod).toBeUndefined();

    // The week: b's advancement to Bronze, and no fast start; finalizing it posts the ranks.
    const week = weeklyPeriodOf(new Date(at), TZ);
    await staff.post(`/api/admin/periods/${week}/calculate`);
    const weekly = await waitFor(week, 'calculated');
    expect(weekly.totals).toMatchObject({ unilevel: 0, fastStart: 0, rankAdvancement: 5000 });
    await staff.post(`/api/admin/periods/${week}/finalize`);
    await waitFor(week, 'finalized');
    expect(await profile(b)).toMatchObject({ paidRank: 2, highestRank: 2, rankPeriod: week });
    expect((await profile(c))?.rankPeriod).toBe(week);
  });
});
