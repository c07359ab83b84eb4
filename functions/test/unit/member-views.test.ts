import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { membersApi } from '@arbor/shared/api/members';
import type { Member } from '@arbor/shared/members/model';
import type { Principal } from '../../src/auth/principal.js';
import { HttpResponse, shaped } from '../../src/lib/http.js';
import { profileView } from '../../src/members/views.js';

const encrypted = (last4: string) => ({ last4, keyId: 'k', encryptedKey: 'e', iv: 'i', tag: 't', data: 'd' });

const member: Member = {
  id: '1042',
  kind: 'partner',
  role: 'partner',
  level: 'partner',
  status: 'active',
  firstName: 'Ana',
  lastName: 'Ruiz',
  displayName: 'Ana Ruiz',
  username: 'ana',
  email: 'ana@example.com',
  phone: '+1 555 0100',
  market: 'US',
  language: 'es',
  sponsorId: '1001',
  placementId: '1001',
  sponsorPath: ['1001'],
  placementPath: ['1001'],
  enrolledAt: '2026-01-05T10:00:00.000Z',
  firstPaidAt: null,
  paidRank: 1,
  highestRank: 2,
  address: { line1: '1 Main St', city: 'Austin', region: 'TX', postalCode: '78701', country: 'US' },
  dateOfBirth: '1990-04-01',
  document: { type: 'passport', country: 'US', number: encrypted('5678') },
  taxId: encrypted('1234'),
  directDeposit: {
    holder: 'Ana Ruiz',
    bankName: 'First Bank',
    routingNumber: encrypted('0021'),
    accountNumber: encrypted('9876'),
    updatedAt: '2026-01-06T10:00:00.000Z',
  },
  documentKeys: ['documents/1042/a'],
  goals: { targetRank: 3 },
  version: 4,
};

const viewer = (memberId: string, role: Principal['role']): Principal => ({
  memberId,
  role,
  sessionId: 's',
  family: 'f',
  readOnly: false,
});

/** The body of GET /api/members/{id} as it leaves the server: the view, shaped by the route's contract. */
async function answer(who: Principal) {
  const response = new HttpResponse(200, { member: await profileView(member, who) });
  return shaped(membersApi.getMember.response, response, 'GET /api/members/{id}').body as {
    member: Record<string, unknown>;
  };
}

describe("a member's profile as the contract sends it", () => {
  const strict = process.env.ARBOR_STRICT_RESPONSES;
  beforeEach(() => {
    process.env.ARBOR_STRICT_RESPONSES = 'true';
  });
  afterEach(() => {
    process.env.ARBOR_STRICT_RESPONSES = strict;
  });

  it.each([
    ['the member itself', viewer('1042', 'partner')],
    ['support', viewer('9', 'support')],
  ])('keeps the private part, masked, for %s', async (_, who) => {
    const { member: sent } = await answer(who);
    expect(sent).toMatchObject({
      id: '1042',
      taxId: '••••1234',
      document: { type: 'passport', country: 'US', number: '••••5678' },
      directDeposit: {
        holder: 'Ana Ruiz',
        bankName: 'First Bank',
        routingNumber: '••••0021',
        accountNumber: '••••9876',
      },
      address: { line1: '1 Main St', city: 'Austin' },
      dateOfBirth: '1990-04-01',
      documentCount: 1,
      goals: { targetRank: 3 },
      deliveryAddresses: [],
      contacts: { emails: [], phones: [] },
    });
    // Nothing encrypted leaves, masked or not.
    expect(JSON.stringify(sent)).not.toMatch(/encryptedKey|"data"/);
  });

  it('sends an upline the shorter view: contact details, no private part', async () => {
    const { member: sent } = await answer(viewer('1001', 'partner'));
    expect(sent).toMatchObject({ id: '1042', email: 'ana@example.com', region: 'TX', version: 4 });
    for (const field of ['taxId', 'document', 'directDeposit', 'address', 'dateOfBirth', 'documentCount', 'goals'])
      expect(sent, field).not.toHaveProperty(field);
  });
});
