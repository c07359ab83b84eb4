import { describe, expect, it, vi } from 'vitest';

// The real i18n module holds Svelte state; here `t` returns the key and its parameters, so the
// tests see which message was chosen and with what numbers.
vi.mock('../../src/lib/i18n/index.svelte', () => import('./i18n-mock'));
// The payout currency is Svelte state read from the API; the demo company pays in USD.
vi.mock('../../src/lib/commissions/currency.svelte', () => ({ payoutCurrency: () => 'USD' }));

const { periodDays, previousMonth, weekOf, chronological } = await import('../../src/lib/commissions/periods');
const { money, rateText, periodLabel } = await import('../../src/lib/commissions/labels');
const plan = await import('../../src/lib/commissions/plan-form');
const { explainLine, lineRule } = await import('../../src/lib/commissions/explain');
const { requirementRows, missingSummary } = await import('../../src/lib/commissions/requirements');
const { runEnded, actionsFor } = await import('../../src/lib/commissions/close.svelte');
const { DEFAULT_PLAN } = await import('@arbor/shared/commissions/plan');
const { bonusColumns, paidOut } = await import('../../src/lib/commissions/types');

describe('periods', () => {
  it('gives the calendar days of a month and of an ISO week', () => {
    expect(periodDays('2026-02')).toEqual({ first: '2026-02-01', last: '2026-02-28' });
    expect(periodDays('2024-02')).toEqual({ first: '2024-02-01', last: '2024-02-29' });
    expect(periodDays('2026-12')).toEqual({ first: '2026-12-01', last: '2026-12-31' });
    expect(periodDays('2026-W47')).toEqual({ first: '2026-11-16', last: '2026-11-22' });
    // ISO week 1 of 2026 starts in 2025; week 53 of 2020 ends in 2021.
    expect(periodDays('2026-W01')).toEqual({ first: '2025-12-29', last: '2026-01-04' });
    expect(periodDays('2020-W53')).toEqual({ first: '2020-12-28', last: '2021-01-03' });
    expect(periodDays('nope')).toBeNull();
  });

  it('steps back a month across the year and reads weeks', () => {
    expect(previousMonth('2026-11')).toBe('2026-10');
    expect(previousMonth('2026-01')).toBe('2025-12');
    expect(weekOf('2026-W07')).toEqual({ year: 2026, week: 7 });
    expect(weekOf('2026-07')).toBeNull();
    expect(chronological([{ periodId: '2026-10' }, { periodId: '2026-08' }, { periodId: '2026-09' }])).toEqual([
      { periodId: '2026-08' },
      { periodId: '2026-09' },
      { periodId: '2026-10' },
    ]);
  });

  it('labels weeks through the dictionary', () => {
    expect(periodLabel('2026-W47')).toBe('cm.period.week {"week":47,"year":2026}');
  });
});

describe('money and rates', () => {
  it('formats integer cents exactly, negatives included', () => {
    expect(money(67830)).toBe('$678.30');
    expect(money(-360)).toBe('-$3.60');
    expect(money(0)).toBe('$0.00');
    // 0.1 + 0.2 style float error never reaches the page: 30 cents stay 30 cents.
    expect(money(10 + 20)).toBe('$0.30');
  });

  it('shows basis points as percents', () => {
    expect(rateText(500)).toBe('5%');
    expect(rateText(525)).toBe('5.25%');
    expect(rateText(2000)).toBe('20%');
  });
});

describe('plan form numbers', () => {
  it('reads percents into basis points without floating point', () => {
    expect(plan.percentToBp('5')).toBe(500);
    expect(plan.percentToBp('2.5')).toBe(250);
    expect(plan.percentToBp('0,75')).toBe(75);
    expect(plan.percentToBp(' 4.05 %')).toBe(405);
    expect(plan.percentToBp('100')).toBe(10_000);
    expect(plan.percentToBp('1.005')).toBeNull();
    expect(plan.percentToBp('-1')).toBeNull();
    expect(plan.percentToBp('ten')).toBeNull();
    expect(plan.percentToBp('')).toBeNull();
  });

  it('writes basis points back as the shortest percent', () => {
    expect(plan.bpToPercent(500)).toBe('5');
    expect(plan.bpToPercent(250)).toBe('2.5');
    expect(plan.bpToPercent(525)).toBe('5.25');
    expect(plan.bpToPercent(5)).toBe('0.05');
    for (const bp of [0, 1, 99, 100, 101, 1234, 10_000]) expect(plan.percentToBp(plan.bpToPercent(bp))).toBe(bp);
  });

  it('reads money into cents', () => {
    expect(plan.moneyToCents('100')).toBe(10_000);
    expect(plan.moneyToCents('99.5')).toBe(9950);
    expect(plan.moneyToCents('1,000.00')).toBe(100_000);
    expect(plan.moneyToCents('$250')).toBe(25_000);
    expect(plan.moneyToCents('12,5')).toBe(1250);
    expect(plan.moneyToCents('1.234')).toBeNull();
    expect(plan.centsToMoney(100_000)).toBe('1000.00');
    expect(plan.centsToMoney(5)).toBe('0.05');
  });

  it('takes whole numbers only', () => {
    expect(plan.parseWhole('12')).toBe(12);
    expect(plan.parseWhole(' 0 ')).toBe(0);
    expect(plan.parseWhole('1.5')).toBeNull();
    expect(plan.parseWhole('-3')).toBeNull();
  });
});

describe('plan form and schema', () => {
  const defaultForm = () => plan.planToForm({ name: 'Default plan', document: DEFAULT_PLAN });

  it('turns the default plan into a form and back into the same document', () => {
    const { document, errors } = plan.validatePlanForm(defaultForm());
    expect(errors).toEqual({});
    expect(document).toEqual(DEFAULT_PLAN);
  });

  it('names the field of each problem by its document path', () => {
    const form = defaultForm();
    form.name = ' ';
    form.unilevel[0]!.percent = 'ten';
    form.fastStart[1]!.percent = '120';
    form.ranks[2]!.gv = '1.5';
    form.ranks[3]!.legsMinRank = '';
    form.ranks[4]!.advancementBonus = 'lots';
    form.ranks[1]!.maxLegPct = '0';
    const { errors } = plan.validatePlanForm(form);
    expect(errors.name).toBe('cm.plan.err.required');
    expect(errors['document.unilevelRatesBp.0']).toBe('cm.plan.err.percent');
    expect(errors['document.fastStartRatesBp.1']).toBe('cm.plan.err.maxPercent');
    expect(errors['document.ranks.2.gv']).toBe('cm.plan.err.whole');
    expect(errors['document.ranks.3.legs.minRank']).toBe('cm.plan.err.legsBoth');
    expect(errors['document.ranks.4.advancementBonus']).toBe('cm.plan.err.money');
    expect(errors['document.ranks.1.maxLegPct']).toBe('cm.plan.err.min {"min":1}');
  });

  it('checks the order of ranks and the leg rule’s rank', () => {
    const form = defaultForm();
    form.ranks[3]!.rank = '2';
    form.ranks[5]!.legsMinRank = '9';
    const { errors } = plan.validatePlanForm(form);
    expect(errors['document.ranks.3.rank']).toBe('cm.plan.err.rankOrder');
    expect(errors['document.ranks.5.legs.minRank']).toBe('cm.plan.err.minRank');
    const first = defaultForm();
    first.ranks[0]!.rank = '2';
    first.ranks[1]!.rank = '3';
    expect(plan.validatePlanForm(first).errors['document.ranks.0.rank']).toBe('cm.plan.err.rankOrder');
  });

  it('adds a rank above the last and removes none of the others', () => {
    const form = defaultForm();
    const added = plan.nextRankRow(form.ranks);
    expect(added.rank).toBe('7');
    expect(added.name).toBe('');
    expect(added.gv).toBe('30000');
    expect(added.key).not.toBe(form.ranks[5]!.key);
  });

  it('maps the server’s details onto the same paths', () => {
    const errors = plan.serverPlanErrors([
      {
        field: 'body.document.ranks.2.gv',
        rule: 'invalid_type',
        message: 'body.document.ranks.2.gv: Invalid input: expected number, received string',
      },
      {
        field: 'body.document.activePv',
        rule: 'too_small',
        message: 'body.document.activePv: Too small: expected number to be >=0',
      },
      {
        field: 'body.name',
        rule: 'too_small',
        message: 'body.name: Too small: expected string to have >=1 characters',
      },
      { message: 'no field' },
    ]);
    expect(errors).toEqual({
      'document.ranks.2.gv': 'cm.plan.err.whole',
      'document.activePv': 'cm.plan.err.min {"min":0}',
      name: 'cm.plan.err.required',
    });
  });

  it('keeps which period pays each bonus, and saves what the admin chose', () => {
    const form = defaultForm();
    expect(form.bonusPeriods).toEqual({ unilevel: 'monthly', fastStart: 'weekly', rankAdvancement: 'monthly' });
    form.bonusPeriods.fastStart = 'monthly';
    const { document, errors } = plan.validatePlanForm(form);
    expect(errors).toEqual({});
    expect(document.bonusPeriods).toEqual({ unilevel: 'monthly', fastStart: 'monthly', rankAdvancement: 'monthly' });
    expect(plan.sameForm(defaultForm(), form)).toBe(false);
    expect(plan.fieldLabel('document.bonusPeriods.fastStart', form)).toBe(
      'cm.plan.paidIn {"bonus":"cm.bonus.fastStart"}',
    );
  });

  it('tells unsaved changes apart from new row keys', () => {
    expect(plan.sameForm(defaultForm(), defaultForm())).toBe(true);
    const changed = defaultForm();
    changed.unilevel[0]!.percent = '10';
    expect(plan.sameForm(defaultForm(), changed)).toBe(false);
    expect(plan.fieldId('document.ranks.2.gv')).toBe('plan-document-ranks-2-gv');
  });
});

describe('bonus columns', () => {
  const periods = [{ byBonus: { unilevel: 500 } }, { byBonus: { rankAdvancement: 100, reversal: -20 } }];
  const swapped = { unilevel: 'weekly', fastStart: 'monthly', rankAdvancement: 'monthly' } as const;

  it('lists the bonuses the plan pays in the kind of period, then reversals', () => {
    expect(bonusColumns('monthly', DEFAULT_PLAN.bonusPeriods, [])).toEqual(['unilevel', 'rankAdvancement', 'reversal']);
    expect(bonusColumns('weekly', DEFAULT_PLAN.bonusPeriods, [])).toEqual(['fastStart', 'reversal']);
    expect(bonusColumns('monthly', swapped, [])).toEqual(['fastStart', 'rankAdvancement', 'reversal']);
  });

  it('keeps a bonus the periods hold though the plan in force pays it elsewhere', () => {
    expect(bonusColumns('monthly', swapped, periods)).toEqual(['unilevel', 'fastStart', 'rankAdvancement', 'reversal']);
  });

  it('adds up what a period pays out: every bonus and reversals, not breakage', () => {
    expect(paidOut({ unilevel: 1000, fastStart: 250, rankAdvancement: 5000, reversal: -50 })).toBe(6200);
  });
});

describe('line explanations', () => {
  const base = {
    amount: 360,
    sourceOrderId: '100003',
    sourcePartnerId: '1078',
    sourcePartnerName: 'Karen Clark',
    level: 1,
    rateBp: 500,
    cv: 7192,
    rank: null,
    compressedIds: [] as string[],
  };

  it('explains a unilevel line with its arithmetic and the skipped uplines', () => {
    const text = explainLine({ ...base, bonus: 'unilevel', compressedIds: ['1008', '1044'] });
    expect(text).toContain('cm.explain.unilevel {"level":1,"order":"100003","who":"cm.explain.person');
    expect(text).toContain('cm.explain.math {"rate":"5%","cv":"$71.92","amount":"$3.60"}');
    expect(text).toContain('cm.explain.compressed {"count":2,"ids":"1008, 1044"}');
    expect(lineRule({ ...base, bonus: 'unilevel' })).toBe('cm.rule.level {"level":1,"rate":"5%"}');
  });

  it('explains fast start by depth, rank advancement by rank name, and what a reversal undoes', () => {
    expect(explainLine({ ...base, bonus: 'fastStart', level: 2 })).toContain('cm.explain.fastStartDeep');
    expect(explainLine({ ...base, bonus: 'fastStart' })).toContain('cm.explain.fastStart {');
    expect(
      explainLine({ ...base, bonus: 'rankAdvancement', amount: 10_000, rank: 4, sourceOrderId: null, cv: null }),
    ).toBe('cm.explain.rankAdvancement {"rank":"rankName.Gold"}');
    const reversal = {
      ...base,
      bonus: 'reversal' as const,
      amount: -180,
      cv: -3596,
      reverses: { periodId: '2026-W47', bonus: 'fastStart' as const, amount: 719 },
    };
    const text = explainLine(reversal);
    expect(text).toContain('"cv":"$35.96"');
    expect(text).toContain('"original":"$7.19"');
    expect(text).toContain('"amount":"$1.80"');
    expect(text).toContain('"bonus":"cm.bonus.fastStart"');
    expect(lineRule(reversal)).toContain('cm.rule.undoes');
  });
});

describe('rank requirements', () => {
  const gold = {
    rank: 4,
    name: 'Gold',
    qualified: false,
    status: { required: 'active' as const, actual: 'active' as const, met: true },
    pv: { required: 100, actual: 60, missing: 40, met: false },
    gv: { required: 3000, actual: 3200, missing: 0, met: true, legCap: 1800 },
    activeEnrolled: { required: 4, actual: 3, missing: 1, met: false },
    legs: { required: 1, actual: 0, missing: 1, met: false, minRank: 3 },
  };

  it('says in words what is missing', () => {
    const rows = requirementRows(gold);
    expect(rows.map((r) => r.key)).toEqual(['pv', 'gv', 'activeEnrolled', 'legs']);
    expect(rows[0]!.status).toBe('cm.req.pvMissing {"missing":"40"}');
    expect(rows[1]!.label).toBe('cm.req.gvCapped');
    expect(rows[1]!.status).toBe('cm.req.met');
    expect(rows[2]!.status).toBe('cm.req.enrolledMissing {"count":1}');
    expect(rows[3]!.status).toBe('cm.req.legsMissing {"count":1,"rank":"rankName.Silver"}');
    expect(missingSummary(gold)).toBe(
      'cm.req.pvMissing {"missing":"40"} · cm.req.enrolledMissing {"count":1} · cm.req.legsMissing {"count":1,"rank":"rankName.Silver"}',
    );
  });

  it('adds the account status only when it fails', () => {
    const inactive = { ...gold, status: { required: 'active' as const, actual: 'inactive' as const, met: false } };
    expect(requirementRows(inactive)[0]!.key).toBe('status');
    expect(missingSummary({ ...gold, qualified: true })).toBe('cm.req.qualified');
  });
});

describe('the close', () => {
  const period = {
    id: '2026-10',
    kind: 'monthly' as const,
    start: '2026-10-01T05:00:00.000Z',
    end: '2026-11-01T05:00:00.000Z',
    state: 'calculated' as const,
    planId: 'default',
    runId: 'r1',
    executionArn: null,
    progress: { step: 'calculated', done: 1, total: 1, at: '2026-11-23T22:08:14.207Z' },
    totals: null,
    calculatedAt: null,
    finalizedAt: null,
    paidAt: null,
    resultKey: null,
    version: 3,
  };

  it('ends a followed run on its own terminal step, not on an earlier run’s', () => {
    expect(runEnded(period, null)).toBe(true);
    expect(runEnded(period, '2026-11-23T22:08:14.207Z')).toBe(false);
    expect(runEnded(period, '2026-11-20T00:00:00.000Z')).toBe(true);
    expect(runEnded({ ...period, state: 'calculating', progress: { ...period.progress, step: 'writing' } }, null)).toBe(
      false,
    );
    expect(runEnded({ ...period, state: 'open', progress: { ...period.progress, step: 'failed' } }, null)).toBe(true);
  });

  it('offers what the state allows', () => {
    const now = Date.parse('2026-11-23T00:00:00Z');
    expect(actionsFor(period, now)).toMatchObject({
      calculate: true,
      recalculate: true,
      finalize: true,
      payouts: false,
    });
    expect(actionsFor({ ...period, state: 'finalized' }, now)).toMatchObject({
      calculate: false,
      finalize: false,
      payouts: true,
      markPaid: true,
    });
    const open = { ...period, state: 'open' as const, end: '2026-12-01T06:00:00.000Z' };
    expect(actionsFor(open, now)).toMatchObject({ calculate: false, openForOrders: true });
    // A run in progress cannot be started twice; one whose lease ran out (the run died) can run again.
    const calculating = { ...period, state: 'calculating' as const, leaseUntil: new Date(now + 60_000).toISOString() };
    expect(actionsFor(calculating, now).calculate).toBe(false);
    expect(actionsFor({ ...calculating, leaseUntil: new Date(now - 1).toISOString() }, now).calculate).toBe(true);
  });
});
