import { beforeAll, describe, expect, it } from 'vitest';
import type { Member } from '@arbor/shared/members/model';
import { signedIn } from '../support/api.js';
import { createTestMember, partnerUnder, putCompanySettings } from '../support/members.js';

type Issued = { code: string; balance: number; currency: string };
type ErrorBody = { error: { code: string; details: { field?: string }[] } };

let admin: Member, partner: Member;

beforeAll(async () => {
  await putCompanySettings();
  admin = await createTestMember({ role: 'admin' });
  partner = await partnerUnder(null);
});

describe("the admin's gift cards", () => {
  it('issues a card whose whole code is shown once; the checkout then sees its last 4 and balance', async () => {
    const issued = await (
      await signedIn(admin)
    ).post<Issued>('/api/admin/gift-cards', {
      amount: 2500,
      currency: 'USD',
    });
    expect(issued.status).toBe(201);
    expect(issued.body).toEqual({
      code: expect.stringMatching(/^[0-9A-F]{4}(-[0-9A-F]{4}){3}$/),
      balance: 2500,
      currency: 'USD',
    });

    const lookup = await (await signedIn(partner)).get<Issued>(`/api/gift-cards/${issued.body.code}`);
    expect(lookup.status).toBe(200);
    expect(lookup.body).toEqual({ code: `••••${issued.body.code.slice(-4)}`, balance: 2500, currency: 'USD' });
  });

  it('refuses an amount that is not whole minor units, naming the field', async () => {
    const refused = await (
      await signedIn(admin)
    ).post<ErrorBody>('/api/admin/gift-cards', {
      amount: 25.5,
      currency: 'USD',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.map((d) => d.field)).toContain('body.amount');
  });
});
