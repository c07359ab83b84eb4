import { describe, expect, it } from 'vitest';
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '@arbor/shared/keys';
import { db } from '../../src/lib/aws.js';
import { env } from '../../src/lib/env.js';
import { hashToken } from '../../src/lib/ids.js';
import { Client } from '../support/api.js';
import { drainQueue } from '../support/stand-ins.js';
import { mailTo } from '../support/mail.js';
import { createTestMember, TEST_PASSWORD } from '../support/members.js';

type ErrorBody = { error: { code: string; message: string; details: { field?: string; rule?: string }[] } };

async function itemCount(memberId: string) {
  const result = await db().send(
    new QueryCommand({
      TableName: env.tableName(),
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.memberPartition(memberId) },
    }),
  );
  return result.Items?.length ?? 0;
}

describe('sign-in', () => {
  it('signs in by username, email or member ID and sets httpOnly cookies', async () => {
    const member = await createTestMember();
    for (const login of [member.username, member.email.toUpperCase(), member.id]) {
      const client = new Client();
      const response = await client.signIn(login, TEST_PASSWORD);
      expect(response.body).toMatchObject({
        member: { id: member.id, role: 'partner', displayName: member.displayName },
      });
      const session = response.setCookies.find((c) => c.startsWith('arbor_session='));
      const refresh = response.setCookies.find((c) => c.startsWith('arbor_refresh='));
      expect(session).toMatch(/HttpOnly/);
      expect(session).toMatch(/SameSite=Strict/);
      expect(refresh).toMatch(/Path=\/api\/auth/);
      const me = await client.get<{ member: { id: string; rankName: string } }>('/api/auth/me');
      expect(me.status).toBe(200);
      expect(me.body.member).toMatchObject({ id: member.id, rankName: 'Partner' });
    }
  });

  it('answers a wrong password and an unknown user the same way, with a generic 401', async () => {
    const member = await createTestMember();
    const wrong = await new Client().post<ErrorBody>('/api/auth/sign-in', {
      login: member.username,
      password: 'not the password',
    });
    const unknown = await new Client().post<ErrorBody>('/api/auth/sign-in', {
      login: 'nobody.here',
      password: 'not the password',
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.error.code).toBe('invalid_credentials');
    expect(wrong.setCookies).toEqual([]);
  });

  it('rejects malformed input with 400 naming the field, writing nothing', async () => {
    const member = await createTestMember();
    const before = await itemCount(member.id);
    const client = new Client();
    const missing = await client.post<ErrorBody>('/api/auth/sign-in', { login: member.username });
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('validation_failed');
    expect(missing.body.error.details).toEqual([expect.objectContaining({ field: 'body.password' })]);

    const wrongType = await client.post<ErrorBody>('/api/auth/sign-in', { login: 42, password: 'x' });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error.details[0]).toMatchObject({ field: 'body.login', rule: 'invalid_type' });

    const malformed = await client.request<ErrorBody>('POST', '/api/auth/sign-in', undefined, {
      rawBody: '{"login": "a",',
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.details[0]).toMatchObject({ field: 'body', rule: 'malformed_json' });

    const form = await client.request<ErrorBody>('POST', '/api/auth/sign-in', undefined, {
      rawBody: 'login=a&password=b',
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(form.status).toBe(400);
    expect(form.body.error.details[0]).toMatchObject({ rule: 'content_type' });
    expect(await itemCount(member.id)).toBe(before);
  });

  it('locks the account after five failures in a row, even for the right password, and says for how long', async () => {
    const member = await createTestMember();
    const client = new Client();
    for (let attempt = 1; attempt <= 4; attempt++) {
      expect(
        (await client.post('/api/auth/sign-in', { login: member.username, password: 'wrong password' })).status,
      ).toBe(401);
    }
    const fifth = await client.post<ErrorBody>('/api/auth/sign-in', {
      login: member.username,
      password: 'wrong password',
    });
    expect(fifth.status).toBe(423);
    expect(fifth.body.error.code).toBe('account_locked');
    expect(Number(fifth.headers.get('retry-after'))).toBeGreaterThan(800);

    const right = await client.post<ErrorBody>('/api/auth/sign-in', {
      login: member.username,
      password: TEST_PASSWORD,
    });
    expect(right.status).toBe(423);
    expect(right.setCookies).toEqual([]);

    const history = await db().send(
      new QueryCommand({
        TableName: env.tableName(),
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :login)',
        ExpressionAttributeValues: { ':pk': keys.memberPartition(member.id), ':login': keys.loginEventPrefix },
      }),
    );
    expect(history.Items?.map((i) => i.outcome).sort()).toEqual([
      'locked',
      'locked',
      'wrong_password',
      'wrong_password',
      'wrong_password',
      'wrong_password',
    ]);
  });

  it('a success resets the failure count', async () => {
    const member = await createTestMember();
    const client = new Client();
    for (let i = 0; i < 4; i++)
      await client.post('/api/auth/sign-in', { login: member.username, password: 'wrong password' });
    await client.signIn(member.username, TEST_PASSWORD);
    for (let i = 0; i < 4; i++) {
      expect(
        (await client.post('/api/auth/sign-in', { login: member.username, password: 'wrong password' })).status,
      ).toBe(401);
    }
  });

  it('refuses canceled members after checking the password', async () => {
    const member = await createTestMember({ status: 'canceled' });
    const response = await new Client().post<ErrorBody>('/api/auth/sign-in', {
      login: member.username,
      password: TEST_PASSWORD,
    });
    expect(response.status).toBe(403);
  });

  it('keeps a login history with time, IP and user agent that the member can read', async () => {
    const member = await createTestMember();
    const client = new Client('Mozilla/5.0 Test Browser');
    await client.post('/api/auth/sign-in', { login: member.username, password: 'wrong password' });
    await client.signIn(member.username, TEST_PASSWORD);
    const history = await client.get<{ items: { at: string; ip: string; userAgent: string; outcome: string }[] }>(
      '/api/auth/login-history',
    );
    expect(history.status).toBe(200);
    expect(history.body.items.map((i) => i.outcome)).toEqual(['success', 'wrong_password']);
    expect(history.body.items[0]).toMatchObject({ ip: '127.0.0.1', userAgent: 'Mozilla/5.0 Test Browser' });
    expect(Date.parse(history.body.items[0]!.at)).toBeGreaterThan(Date.now() - 60_000);
  });
});

describe('sessions', () => {
  it('requires a session: no cookie is a 401, a forged token too', async () => {
    expect((await new Client().get('/api/auth/me')).status).toBe(401);
    const forged = new Client();
    forged.jar.set('arbor_session', { value: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.bad', path: '/' });
    expect((await forged.get('/api/auth/me')).status).toBe(401);
  });

  it('sign-out ends the session at once, even for a copied token', async () => {
    const member = await createTestMember();
    const client = new Client();
    await client.signIn(member.username, TEST_PASSWORD);
    const stolen = new Client();
    stolen.jar.set('arbor_session', client.jar.get('arbor_session')!);
    expect((await stolen.get('/api/auth/me')).status).toBe(200);
    const out = await client.post('/api/auth/sign-out');
    expect(out.status).toBe(204);
    expect(client.jar.has('arbor_session')).toBe(false);
    const after = await stolen.get<ErrorBody>('/api/auth/me');
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('session_ended');
  });

  it('rotates the refresh token, and a replayed old one ends the whole session family', async () => {
    const member = await createTestMember();
    const client = new Client();
    await client.signIn(member.username, TEST_PASSWORD);
    const firstRefresh = client.jar.get('arbor_refresh')!.value;
    const rotated = await client.post('/api/auth/refresh');
    expect(rotated.status).toBe(200);
    expect(client.jar.get('arbor_refresh')!.value).not.toBe(firstRefresh);
    expect((await client.get('/api/auth/me')).status).toBe(200);

    // An attacker replays the first refresh token after the race window.
    const attacker = new Client();
    attacker.jar.set('arbor_refresh', { value: firstRefresh, path: '/api/auth' });
    const old = await db().send(
      new GetCommand({ TableName: env.tableName(), Key: keys.session(hashToken(firstRefresh)) }),
    );
    await db().send(
      new UpdateCommand({
        TableName: env.tableName(),
        Key: keys.session(old.Item!.sessionId as string),
        UpdateExpression: 'SET rotatedAt = :long',
        ExpressionAttributeValues: { ':long': new Date(Date.now() - 60_000).toISOString() },
      }),
    );
    const replay = await attacker.post<ErrorBody>('/api/auth/refresh');
    expect(replay.status).toBe(401);
    // The legitimate member's current session went with it.
    expect((await client.get('/api/auth/me')).status).toBe(401);
    expect((await client.post('/api/auth/refresh')).status).toBe(401);
  });

  it('a second refresh of the same token within seconds is a benign race (409), not theft', async () => {
    const member = await createTestMember();
    const client = new Client();
    await client.signIn(member.username, TEST_PASSWORD);
    const other = new Client();
    other.jar.set('arbor_refresh', client.jar.get('arbor_refresh')!);
    expect((await client.post('/api/auth/refresh')).status).toBe(200);
    expect((await other.post('/api/auth/refresh')).status).toBe(409);
    expect((await client.get('/api/auth/me')).status).toBe(200);
  });
});

describe('passwords', () => {
  it('changes the password, ends other sessions, keeps this one, and mails a notice', async () => {
    const member = await createTestMember();
    const here = new Client();
    const elsewhere = new Client();
    await here.signIn(member.username, TEST_PASSWORD);
    await elsewhere.signIn(member.username, TEST_PASSWORD);

    const wrong = await here.post<ErrorBody>('/api/auth/change-password', {
      currentPassword: 'not it at all',
      newPassword: 'a brand new password',
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.details[0]).toMatchObject({ field: 'body.currentPassword' });

    const short = await here.post<ErrorBody>('/api/auth/change-password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'short',
    });
    expect(short.status).toBe(400);
    expect(short.body.error.details[0]).toMatchObject({ field: 'body.newPassword', rule: 'too_small' });

    const changed = await here.post('/api/auth/change-password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'a brand new password',
    });
    expect(changed.status).toBe(204);
    expect((await here.get('/api/auth/me')).status).toBe(200);
    expect((await elsewhere.get('/api/auth/me')).status).toBe(401);
    expect(
      (await new Client().post('/api/auth/sign-in', { login: member.username, password: TEST_PASSWORD })).status,
    ).toBe(401);
    await new Client().signIn(member.username, 'a brand new password');

    await drainQueue('email');
    const mail = await mailTo(member.email);
    expect(mail.map((m) => m.subject)).toContain('Your Arbor password was changed');
  });

  it('resets a forgotten password through a single-use emailed link', async () => {
    const member = await createTestMember({ language: 'es' });
    const client = new Client();
    const session = new Client();
    await session.signIn(member.username, TEST_PASSWORD);

    const requested = await client.post('/api/auth/password-reset', { email: member.email });
    expect(requested.status).toBe(202);
    await drainQueue('email');
    const [mail] = await mailTo(member.email);
    expect(mail?.subject).toBe('Restablece tu contraseña de Arbor');
    const link = /http:\/\/localhost:3000\/reset-password\?token=([\w%-]+)/.exec(mail?.body.text ?? '');
    expect(link).not.toBeNull();
    const token = decodeURIComponent(link![1]!);

    const confirmed = await client.post('/api/auth/password-reset/confirm', {
      token,
      newPassword: 'reset to something long',
    });
    expect(confirmed.status).toBe(204);
    expect((await session.get('/api/auth/me')).status).toBe(401);
    await new Client().signIn(member.email, 'reset to something long');

    const again = await client.post<ErrorBody>('/api/auth/password-reset/confirm', {
      token,
      newPassword: 'and once more please',
    });
    expect(again.status).toBe(422);
    expect(again.body.error.code).toBe('invalid_token');
  });

  it('answers a reset request for an unknown email exactly as for a known one, and sends nothing', async () => {
    const unknown = await new Client().post('/api/auth/password-reset', { email: 'ghost@example.com' });
    expect(unknown.status).toBe(202);
    await drainQueue('email');
    expect(await mailTo('ghost@example.com')).toEqual([]);
    const malformed = await new Client().post<ErrorBody>('/api/auth/password-reset', { email: 'not-an-email' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.details[0]).toMatchObject({ field: 'body.email' });
  });

  it('refuses an expired reset token', async () => {
    const member = await createTestMember();
    const { createResetToken } = await import('../../src/auth/repository/reset-tokens.js');
    const token = await createResetToken(member.id, new Date(Date.now() - 2 * 60 * 60_000));
    const response = await new Client().post<ErrorBody>('/api/auth/password-reset/confirm', {
      token,
      newPassword: 'this should not work',
    });
    expect(response.status).toBe(422);
  });
});

describe('roles and routes', () => {
  it('lets support read a member login history (and logs the look); partners get 403', async () => {
    const member = await createTestMember();
    const support = await createTestMember({ role: 'support' });
    const partner = await createTestMember();
    await new Client().signIn(member.username, TEST_PASSWORD);

    const asPartner = new Client();
    await asPartner.signIn(partner.username, TEST_PASSWORD);
    expect((await asPartner.get(`/api/support/members/${member.id}/login-history`)).status).toBe(403);

    const asSupport = new Client();
    await asSupport.signIn(support.username, TEST_PASSWORD);
    const history = await asSupport.get<{ items: { outcome: string }[] }>(
      `/api/support/members/${member.id}/login-history`,
    );
    expect(history.status).toBe(200);
    expect(history.body.items).toHaveLength(1);
    const log = await db().send(
      new QueryCommand({
        TableName: env.tableName(),
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :log)',
        ExpressionAttributeValues: { ':pk': keys.memberPartition(member.id), ':log': keys.memberLogPrefix },
      }),
    );
    expect(log.Items?.map((i) => [i.action, i.actorId, i.detail])).toEqual([
      ['support.viewed', support.id, { fields: ['signInHistory'], view: 'sign-ins' }],
    ]);

    expect((await asSupport.get('/api/support/members/abc/login-history')).status).toBe(400);
    expect((await asSupport.get('/api/support/members/999999/login-history')).status).toBe(404);
  });

  it('answers unknown routes with a JSON 404', async () => {
    const response = await new Client().get<ErrorBody>('/api/no/such/thing');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    expect(response.body.error.code).toBe('route_not_found');
  });
});
