import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { sampleEnrollment } from '@arbor/shared/demo/enrollment';
import { keys } from '@arbor/shared/keys';
import { giveBack, RATE_LIMITS, takeRateLimit, type RateTicket } from '../../src/lib/rate-limit.js';
import { IpClient, type IpResponse } from '../support/from-ip.js';
import { mailTo } from '../support/mail.js';
import { createTestMember, partnerUnder, putCompanySettings, putItem, TEST_PASSWORD } from '../support/members.js';
import { drainQueue } from '../support/stand-ins.js';

type ErrorBody = { error: { code: string; message: string; details: unknown[] } };

/** A 429 in the project's error format, with a Retry-After within the window and a message saying when. */
function expectRateLimited(response: IpResponse<ErrorBody>, windowSeconds: number) {
  expect(response.status).toBe(429);
  expect(response.body.error.code).toBe('too_many_requests');
  expect(response.body.error.message).toMatch(/Try again in \d+ (seconds|minutes?)\./);
  const retryAfter = Number(response.headers['retry-after']);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(windowSeconds);
}

const uniqueEmail = (what: string) => `${what}.${randomUUID().slice(0, 8)}@example.com`;

beforeAll(async () => {
  await putCompanySettings();
});

describe('sign-in', () => {
  it('answers 429 after too many failed sign-ins from one address; other addresses are not affected', async () => {
    const { max, windowSeconds } = RATE_LIMITS.signInPerIp;
    const member = await createTestMember();
    const attacker = new IpClient();
    // One unknown name: after five checks it is locked, so the rest are cheap 423s; all count as failures.
    const name = `spray.${Date.now()}`;
    for (let i = 0; i < max; i++) {
      const status = (await attacker.post('/api/auth/sign-in', { login: name, password: 'guess' })).status;
      expect([401, 423]).toContain(status);
    }
    expectRateLimited(
      await attacker.post<ErrorBody>('/api/auth/sign-in', { login: name, password: 'guess' }),
      windowSeconds,
    );
    // Even the right password of a real account is refused from that address for now...
    expectRateLimited(
      await attacker.post<ErrorBody>('/api/auth/sign-in', { login: member.username, password: TEST_PASSWORD }),
      windowSeconds,
    );
    // ...but not from another one.
    expect(
      (await new IpClient().post('/api/auth/sign-in', { login: member.username, password: TEST_PASSWORD })).status,
    ).toBe(200);
  });

  it('does not count successful sign-ins against the address', async () => {
    const member = await createTestMember();
    const office = new IpClient();
    const { max } = RATE_LIMITS.signInPerIp;
    // All but one failure of the budget (one name: after five checks it is locked, and the rest are cheap)...
    const name = `typo.${Date.now()}`;
    for (let i = 0; i < max - 1; i++) {
      expect([401, 423]).toContain((await office.post('/api/auth/sign-in', { login: name, password: 'guess' })).status);
    }
    // ...then several good sign-ins, which give their attempt back, so the last failure still gets a 401.
    for (let i = 0; i < 3; i++) {
      expect((await office.post('/api/auth/sign-in', { login: member.username, password: TEST_PASSWORD })).status).toBe(
        200,
      );
    }
    expect(
      (await office.post('/api/auth/sign-in', { login: `typo.last.${Date.now()}`, password: 'guess' })).status,
    ).toBe(401);
    expect(
      (await office.post('/api/auth/sign-in', { login: `typo.over.${Date.now()}`, password: 'guess' })).status,
    ).toBe(429);
  });
});

describe('password reset', () => {
  it('mails at most the limit per address asked for, then answers 429 and sends nothing more', async () => {
    const { max, windowSeconds } = RATE_LIMITS.passwordResetPerEmail;
    const member = await createTestMember({ email: uniqueEmail('reset') });
    for (let i = 0; i < max; i++) {
      // From different addresses: the limit is on the email, whoever asks.
      expect((await new IpClient().post('/api/auth/password-reset', { email: member.email })).status).toBe(202);
    }
    const over = await new IpClient().post<ErrorBody>('/api/auth/password-reset', {
      email: member.email.toUpperCase(),
    });
    expectRateLimited(over, windowSeconds);
    await drainQueue('email');
    expect(await mailTo(member.email)).toHaveLength(max);

    // An unknown address is limited the same way, so the 429 tells nothing about who has an account.
    const ghost = uniqueEmail('ghost');
    for (let i = 0; i < max; i++) {
      expect((await new IpClient().post('/api/auth/password-reset', { email: ghost })).status).toBe(202);
    }
    expect((await new IpClient().post('/api/auth/password-reset', { email: ghost })).status).toBe(429);

    // Another member's reset is unaffected.
    const other = await createTestMember({ email: uniqueEmail('other') });
    expect((await new IpClient().post('/api/auth/password-reset', { email: other.email })).status).toBe(202);
  });

  it('limits one address asking for many emails', async () => {
    const { max, windowSeconds } = RATE_LIMITS.passwordResetPerIp;
    const caller = new IpClient();
    for (let i = 0; i < max; i++) {
      expect((await caller.post('/api/auth/password-reset', { email: uniqueEmail('many') })).status).toBe(202);
    }
    const member = await createTestMember({ email: uniqueEmail('victim') });
    expectRateLimited(await caller.post<ErrorBody>('/api/auth/password-reset', { email: member.email }), windowSeconds);
    await drainQueue('email');
    expect(await mailTo(member.email)).toEqual([]);
    expect((await new IpClient().post('/api/auth/password-reset', { email: member.email })).status).toBe(202);
  });
});

describe('public join', () => {
  it('answers 429 after too many sign-ups from one address; another address still joins', async () => {
    const { max, windowSeconds } = RATE_LIMITS.joinPerIp;
    const sponsor = await partnerUnder(null, { siteName: `limits-${Date.now()}` });
    const body = () =>
      sampleEnrollment({ kind: 'customer', firstName: 'Rita', lastName: 'Limit', dateOfBirth: undefined });
    const bot = new IpClient();
    // Requests for a site that does not exist count too (a bot probing names).
    for (let i = 0; i < max; i++) {
      expect((await bot.post('/api/join/no-such-site-here', body())).status).toBe(404);
    }
    expectRateLimited(await bot.post<ErrorBody>(`/api/join/${sponsor.siteName}`, body()), windowSeconds);
    const joined = await new IpClient().post<{ member: { role: string } }>(`/api/join/${sponsor.siteName}`, body());
    expect(joined.status).toBe(201);
  });
});

describe('public join uploads', () => {
  it('answers 429 after too many upload requests from one address', async () => {
    const { max, windowSeconds } = RATE_LIMITS.joinUploadPerIp;
    const sponsor = await partnerUnder(null, { siteName: `uplimit-${Date.now()}` });
    const bot = new IpClient();
    for (let i = 0; i < max; i++) {
      expect((await bot.post('/api/join/no-such-site-here/uploads', { contentType: 'application/pdf' })).status).toBe(
        404,
      );
    }
    expectRateLimited(
      await bot.post<ErrorBody>(`/api/join/${sponsor.siteName}/uploads`, { contentType: 'application/pdf' }),
      windowSeconds,
    );
    expect(
      (await new IpClient().post(`/api/join/${sponsor.siteName}/uploads`, { contentType: 'application/pdf' })).status,
    ).toBe(201);
  });
});

describe('gift-card balance', () => {
  const code = `LIMIT-${Date.now()}`;

  beforeAll(async () => {
    await putItem({
      ...keys.giftCard(code),
      entity: 'giftCard',
      code,
      balance: 2500,
      currency: 'USD',
      active: true,
    });
  });

  async function signedIn(ip?: string) {
    const member = await createTestMember();
    const client = new IpClient(ip);
    expect((await client.post('/api/auth/sign-in', { login: member.username, password: TEST_PASSWORD })).status).toBe(
      200,
    );
    return client;
  }

  it('answers 429 after too many lookups by one member; another member is not affected', async () => {
    const { max, windowSeconds } = RATE_LIMITS.giftCardPerMember;
    const prober = await signedIn();
    for (let i = 0; i < max; i++) {
      expect((await prober.get(`/api/gift-cards/GUESS-${i}`)).status).toBe(404);
    }
    // Over the limit, even a real code is refused.
    expectRateLimited(await prober.get<ErrorBody>(`/api/gift-cards/${code}`), windowSeconds);
    const other = await signedIn(prober.ip);
    expect((await other.get(`/api/gift-cards/${code}`)).status).toBe(200);
  });

  it('answers 429 after too many lookups from one address, across members', async () => {
    const { max, windowSeconds } = RATE_LIMITS.giftCardPerIp;
    const perMember = RATE_LIMITS.giftCardPerMember.max;
    const clients = [];
    const ip = new IpClient().ip;
    for (let i = 0; i < Math.ceil(max / perMember) + 1; i++) clients.push(await signedIn(ip));
    for (let i = 0; i < max; i++) {
      expect((await clients[Math.floor(i / perMember)]!.get(`/api/gift-cards/GUESS-${i}`)).status).toBe(404);
    }
    const fresh = clients[clients.length - 1]!;
    expectRateLimited(await fresh.get<ErrorBody>(`/api/gift-cards/${code}`), windowSeconds);
    expect((await (await signedIn()).get(`/api/gift-cards/${code}`)).status).toBe(200);
  });
});

describe('the counter', () => {
  const limit = { name: 'TEST', max: 3, windowSeconds: 60, what: 'tests' };

  it('starts a window at the first request, not at a clock boundary, and refuses with the window’s end', async () => {
    const subject = randomUUID();
    const start = new Date('2026-12-01T00:59:30Z');
    for (let i = 0; i < 3; i++) await takeRateLimit(limit, subject, start);
    // Past the clock's minute, but inside this subject's 60 s: still refused, retry when its window ends.
    const refused = takeRateLimit(limit, subject, new Date('2026-12-01T01:00:10Z'));
    await expect(refused).rejects.toMatchObject({ status: 429, retryAfterSeconds: 20 });
    // Its window over, a new one starts.
    await expect(takeRateLimit(limit, subject, new Date('2026-12-01T01:00:30Z'))).resolves.toMatchObject({
      windowEnd: Date.parse('2026-12-01T01:01:30Z') / 1000,
    });
  });

  it('lets exactly max of many parallel requests through, and a give-back frees one', async () => {
    const subject = randomUUID();
    const now = new Date();
    const answers = await Promise.allSettled(Array.from({ length: 12 }, () => takeRateLimit(limit, subject, now)));
    const counted = answers.filter((a) => a.status === 'fulfilled');
    expect(counted).toHaveLength(3);
    await giveBack((counted[0] as PromiseFulfilledResult<RateTicket>).value);
    await expect(takeRateLimit(limit, subject, now)).resolves.toBeDefined();
    await expect(takeRateLimit(limit, subject, now)).rejects.toMatchObject({ status: 429 });
  });
});
