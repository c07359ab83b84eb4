import { describe, expect, it } from 'vitest';
import { API_SCOPES } from '@arbor/shared/integrations/scopes';
import { WEBHOOK_EVENT_TYPES } from '@arbor/shared/integrations/events';
import { EVENT_LABELS, SCOPE_LABELS, chosen, lastResponse } from '../../src/lib/integrations';
import english from '../../src/lib/i18n/integrations.en';
import spanish from '../../src/lib/i18n/integrations.es';

describe('Admin → Integrations', () => {
  it('names every scope and every event in both languages', () => {
    for (const key of [...API_SCOPES.map((s) => SCOPE_LABELS[s]), ...WEBHOOK_EVENT_TYPES.map((e) => EVENT_LABELS[e])]) {
      expect(english).toHaveProperty([key]);
      expect(spanish).toHaveProperty([key]);
    }
    expect(new Set(Object.values(SCOPE_LABELS)).size).toBe(API_SCOPES.length);
    expect(new Set(Object.values(EVENT_LABELS)).size).toBe(WEBHOOK_EVENT_TYPES.length);
  });

  it('sends the checked choices in the order they are listed, and nothing unchecked', () => {
    expect(chosen(API_SCOPES, { 'orders:write': true, 'members:read': true, 'orders:read': false })).toEqual([
      'members:read',
      'orders:write',
    ]);
    expect(chosen(WEBHOOK_EVENT_TYPES, {})).toEqual([]);
  });

  it('shows the last attempt’s answer: a status, what went wrong, or nothing yet', () => {
    expect(lastResponse({ attempts: [] })).toBeNull();
    const attempts = [
      { at: '2026-03-01T00:00:00Z', statusCode: 500, error: 'HTTP 500: busy', durationMs: 12 },
      { at: '2026-03-01T00:00:30Z', statusCode: null, error: 'no answer within 10 s', durationMs: 10_000 },
    ];
    expect(lastResponse({ attempts })).toEqual({ statusCode: null, error: 'no answer within 10 s' });
    expect(lastResponse({ attempts: attempts.slice(0, 1) })).toEqual({ statusCode: 500, error: 'HTTP 500: busy' });
  });
});
