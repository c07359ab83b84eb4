import { beforeAll, describe, expect, it } from 'vitest';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '@arbor/shared/keys';
import type { Member } from '@arbor/shared/members/model';
import { db } from '../../src/lib/aws.js';
import { env } from '../../src/lib/env.js';
import { Client, signedIn } from '../support/api.js';
import { createTestMember, partnerUnder, putCompanySettings } from '../support/members.js';

type ErrorBody = { error: { code: string; details: { field?: string }[] } };
type MemberBody = { member: { version: number; social: Record<string, string> } };

const storedSocial = async (id: string) =>
  (await db().send(new GetCommand({ TableName: env.tableName(), Key: keys.member(id) }))).Item?.social as
    Record<string, string> | undefined;

let partner: Member, support: Member;

beforeAll(async () => {
  await putCompanySettings();
  partner = await partnerUnder(null, { siteName: `links-${Date.now() % 100000}` });
  support = await createTestMember({ role: 'support' });
});

describe('profile links', () => {
  const hostile = [
    'javascript:alert(document.cookie)',
    'JavaScript://example.com/%0aalert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'ftp://example.com/file',
  ];

  it('refuses any link that is not http(s) with a 400 naming the field, for the member and for support', async () => {
    for (const client of [await signedIn(partner), await signedIn(support)]) {
      for (const [i, link] of hostile.entries()) {
        const network = (['website', 'facebook', 'instagram', 'tiktok', 'youtube', 'x'] as const)[i % 6]!;
        const version = (await client.get<MemberBody>(`/api/members/${partner.id}`)).body.member.version;
        const response = await client.request<ErrorBody>('PATCH', `/api/members/${partner.id}`, {
          version,
          social: { [network]: link },
        });
        expect({ link, status: response.status }).toEqual({ link, status: 400 });
        expect(response.body.error.code).toBe('validation_failed');
        expect(response.body.error.details.map((d) => d.field)).toContain(`body.social.${network}`);
      }
    }
    expect(await storedSocial(partner.id)).toBeUndefined();
  });

  it('keeps http and https links', async () => {
    const client = await signedIn(partner);
    const version = (await client.get<MemberBody>('/api/members/me')).body.member.version;
    const saved = await client.request<MemberBody>('PATCH', '/api/members/me', {
      version,
      social: { website: 'https://coach.example.com', facebook: 'http://facebook.com/coach' },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.member.social).toEqual({
      website: 'https://coach.example.com',
      facebook: 'http://facebook.com/coach',
    });
  });

  it('never serves a non-http(s) link stored before links were checked', async () => {
    const old = await partnerUnder(null, {
      siteName: `old-links-${Date.now() % 100000}`,
      social: { website: 'javascript:alert(1)', instagram: 'https://instagram.com/old' },
    });
    const join = await new Client().get<{ sponsor: { social: Record<string, string> } }>(`/api/join/${old.siteName}`);
    expect(join.status).toBe(200);
    expect(join.body.sponsor.social).toEqual({ instagram: 'https://instagram.com/old' });
    const profile = await (await signedIn(old)).get<MemberBody>('/api/members/me');
    expect(profile.body.member.social).toEqual({ instagram: 'https://instagram.com/old' });
  });
});
