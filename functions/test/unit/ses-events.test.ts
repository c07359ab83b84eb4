import { describe, expect, it } from 'vitest';
import { topicSubscribers } from '../../src/wiring.js';
import { suppressionsIn } from '../../src/email/ses-events.js';

describe('SES events to suppressions', () => {
  it('suppresses every recipient of a permanent bounce, with the bare lower-case address', () => {
    const found = suppressionsIn({
      eventType: 'Bounce',
      mail: { messageId: 'm-1' },
      bounce: {
        bounceType: 'Permanent',
        bounceSubType: 'NoEmail',
        bouncedRecipients: [{ emailAddress: 'Ana <Ana@Example.com>' }, { emailAddress: 'sam@example.com' }],
        timestamp: '2026-11-30T10:00:00.000Z',
      },
    });
    expect(found).toEqual([
      {
        address: 'ana@example.com',
        reason: 'bounce',
        detail: 'NoEmail',
        at: '2026-11-30T10:00:00.000Z',
        sesMessageId: 'm-1',
      },
      {
        address: 'sam@example.com',
        reason: 'bounce',
        detail: 'NoEmail',
        at: '2026-11-30T10:00:00.000Z',
        sesMessageId: 'm-1',
      },
    ]);
  });

  it('reads identity notifications (notificationType) as well as configuration-set events (eventType)', () => {
    const found = suppressionsIn({
      notificationType: 'Complaint',
      complaint: { complainedRecipients: [{ emailAddress: 'ana@example.com' }], complaintFeedbackType: 'abuse' },
    });
    expect(found).toMatchObject([{ address: 'ana@example.com', reason: 'complaint', detail: 'abuse' }]);
  });

  it('suppresses nothing for soft bounces, not-spam reports and other events', () => {
    const recipients = [{ emailAddress: 'ana@example.com' }];
    expect(
      suppressionsIn({ eventType: 'Bounce', bounce: { bounceType: 'Transient', bouncedRecipients: recipients } }),
    ).toEqual([]);
    expect(
      suppressionsIn({ eventType: 'Bounce', bounce: { bounceType: 'Undetermined', bouncedRecipients: recipients } }),
    ).toEqual([]);
    expect(
      suppressionsIn({
        eventType: 'Complaint',
        complaint: { complainedRecipients: recipients, complaintFeedbackType: 'not-spam' },
      }),
    ).toEqual([]);
    expect(suppressionsIn({ eventType: 'Delivery' })).toEqual([]);
  });

  it('every topic subscriber in the wiring exists and exports a handler', async () => {
    for (const subscriber of topicSubscribers) {
      const module = (await import(`../../src/${subscriber.entry}`)) as { handler: unknown };
      expect(typeof module.handler).toBe('function');
    }
  });
});
