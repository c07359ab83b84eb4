import { describe, expect, it, vi } from 'vitest';
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '@arbor/shared/keys';
import { db } from '../../src/lib/aws.js';
import { env } from '../../src/lib/env.js';
import { verifyPassword } from '../../src/auth/passwords.js';
import { hashedSubject } from '../../src/lib/rate-limit.js';
import { IpClient } from '../support/from-ip.js';
import { createTestMember, TEST_PASSWORD } from '../support/members.js';

// Every password check the sign-in makes is counted (the handlers run in this process).
vi.mock(import('../../src/auth/passwords.js'), async (importOriginal) => {
  const original = await importOriginal();
  return { ...original, verifyPassword: vi.fn(original.verifyPassword) };
});

type ErrorBody = { error: { code: string; message: string } };

async function loginOutcomes(memberId: string) {
  const history = await db().send(
    new QueryCommand({
      TableName: env.tableName(),
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :login)',
      ExpressionAttributeValues: { ':pk': keys.memberPartition(memberId), ':login': keys.loginEventPrefix },
    }),
  );
  return (history.Items ?? []).map((item) => item.outcome as string);
}

describe('lockout under parallel attempts', () => {
  it('checks at most five passwords when 16 sign-ins (15 wrong, 1 right) arrive at once, then stays locked', async () => {
    const member = await createTestMember();
    const client = new IpClient();
    vi.mocked(verifyPassword).mockClear();
    const attempts = [
      ...Array.from({ length: 15 }, () => 'wrong password'),
      // The right one goes last: whatever happens, it must not open the door for more guesses.
      TEST_PASSWORD,
    ];
    const responses = await Promise.all(
      attempts.map((password) => client.post<ErrorBody>('/api/auth/sign-in', { login: member.username, password })),
    );
    const checks = vi.mocked(verifyPassword).mock.calls.length;
    expect(checks).toBeLessThanOrEqual(5);
    expect(checks).toBeGreaterThanOrEqual(1);
    const statuses = responses.map((r) => r.status);
    expect(statuses.every((s) => [200, 401, 423].includes(s))).toBe(true);
    // Wrong passwords that were checked answered 401 (or 423 for the one that reached the limit); the rest, 423.
    expect(statuses.slice(0, 15).filter((s) => s === 401).length).toBeLessThanOrEqual(4);
    const right = responses[15]!;
    if (right.status !== 200) expect(right.status).toBe(423);

    const outcomes = await loginOutcomes(member.id);
    expect(outcomes.filter((o) => o === 'wrong_password').length).toBeLessThanOrEqual(4);
    expect(outcomes).toHaveLength(16);

    const after = await new IpClient().post<ErrorBody>('/api/auth/sign-in', {
      login: member.email,
      password: TEST_PASSWORD,
    });
    expect(after.status).toBe(423);
    expect(after.body.error.code).toBe('account_locked');
    expect(Number(after.headers['retry-after'])).toBeGreaterThan(800);
    expect(vi.mocked(verifyPassword).mock.calls.length).toBe(checks);
    // Another account is not affected, even from the same address.
    const other = await createTestMember();
    expect((await client.post('/api/auth/sign-in', { login: other.username, password: TEST_PASSWORD })).status).toBe(
      200,
    );
  });

  it('counts attempts under every name of the account together (username, email, member ID)', async () => {
    const member = await createTestMember();
    const client = new IpClient();
    const names = [member.username, member.email, member.id, member.username, member.email];
    const statuses: number[] = [];
    for (const login of names) {
      statuses.push((await client.post('/api/auth/sign-in', { login, password: 'wrong password' })).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 423]);
    expect((await client.post('/api/auth/sign-in', { login: member.id, password: TEST_PASSWORD })).status).toBe(423);
  });

  it('locks an unknown login after five failures too, with the same answers as an account', async () => {
    const member = await createTestMember();
    const real = new IpClient();
    const ghost = new IpClient();
    const name = `nobody.${Date.now()}`;
    const realAnswers: ErrorBody[] = [];
    const ghostAnswers: ErrorBody[] = [];
    for (let attempt = 1; attempt <= 6; attempt++) {
      const a = await real.post<ErrorBody>('/api/auth/sign-in', { login: member.username, password: 'wrong password' });
      const b = await ghost.post<ErrorBody>('/api/auth/sign-in', { login: name, password: 'wrong password' });
      expect(b.status).toBe(a.status);
      expect(b.status).toBe(attempt < 5 ? 401 : 423);
      if (attempt >= 5) expect(Number(b.headers['retry-after'])).toBeGreaterThan(800);
      realAnswers.push(a.body);
      ghostAnswers.push(b.body);
    }
    expect(ghostAnswers.map((b) => b.error.code)).toEqual(realAnswers.map((b) => b.error.code));
    // The name, not the caller, is locked: another address gets 423 as well, and so does another spelling.
    expect((await new IpClient().post('/api/auth/sign-in', { login: name.toUpperCase(), password: 'x' })).status).toBe(
      423,
    );
  });

  it('locks unknown logins under parallel attempts as well', async () => {
    const client = new IpClient();
    const name = `ghost.${Date.now()}`;
    const responses = await Promise.all(
      Array.from({ length: 12 }, () => client.post('/api/auth/sign-in', { login: name, password: 'wrong password' })),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(4);
    expect(statuses.filter((s) => s === 423)).toHaveLength(8);
  });

  it('when the lock runs out, the right password signs in and the count starts over (accounts and unknown names)', async () => {
    const member = await createTestMember();
    const client = new IpClient();
    const ghost = `expired.${Date.now()}`;
    for (let i = 0; i < 5; i++) {
      await client.post('/api/auth/sign-in', { login: member.username, password: 'wrong password' });
      await client.post('/api/auth/sign-in', { login: ghost, password: 'wrong password' });
    }
    expect((await client.post('/api/auth/sign-in', { login: member.username, password: TEST_PASSWORD })).status).toBe(
      423,
    );
    // Fifteen minutes pass.
    const past = new Date(Date.now() - 1000).toISOString();
    for (const Key of [keys.credentials(member.id), keys.loginFailures(hashedSubject(ghost))]) {
      await db().send(
        new UpdateCommand({
          TableName: env.tableName(),
          Key,
          UpdateExpression: 'SET lockedUntil = :past',
          ExpressionAttributeValues: { ':past': past },
        }),
      );
    }
    expect((await client.post('/api/auth/sign-in', { login: ghost, password: 'wrong password' })).status).toBe(401);
    expect((await client.post('/api/auth/sign-in', { login: member.username, password: TEST_PASSWORD })).status).toBe(
      200,
    );
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push(
        (await client.post('/api/auth/sign-in', { login: member.username, password: 'wrong password' })).status,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 401, 423]);
  });
});
