import { describe, expect, it } from 'vitest';
import { fieldChanges } from '../src/members/changes.js';

describe('what a profile edit changed', () => {
  it('keeps old and new values of changed fields, leaves unchanged ones out, and masks secret ones', () => {
    const before = { phone: '+1 555 0100', email: 'a@example.com', address: { city: 'Austin' }, document: { n: 'x' } };
    const after = { phone: '+1 555 0199', email: 'a@example.com', address: { city: 'Dallas' }, document: { n: 'y' } };
    expect(fieldChanges(before, after, ['phone', 'email', 'address', 'document', 'gender'])).toEqual({
      phone: { from: '+1 555 0100', to: '+1 555 0199' },
      address: { from: { city: 'Austin' }, to: { city: 'Dallas' } },
      document: { changed: true },
    });
    expect(fieldChanges({ phone: '1' }, {}, ['phone'])).toEqual({ phone: { from: '1', to: null } });
  });
});
