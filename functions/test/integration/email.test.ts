import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi, type MockInstance } from 'vitest';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { SNSEvent, SQSEvent } from 'aws-lambda';
import { keys } from '@arbor/shared/keys';
import { handler as consume } from '../../src/email/consume.js';
import { handler as onSesEvent } from '../../src/email/ses-events.js';
import { emailRecord, suppressionOf } from '../../src/email/repository.js';
import type { QueuedEmail } from '../../src/email/send.js';
import { passwordResetEmail } from '../../src/email/templates.js';
import { db, sesClient } from '../../src/lib/aws.js';
import { env } from '../../src/lib/env.js';
import { mailTo } from '../support/mail.js';
import { signedIn } from '../support/api.js';
import { partnerUnder } from '../support/members.js';
import { streamSettled } from '../support/stand-ins.js';

const address = () => `mail-${randomUUID().slice(0, 8)}@example.com`;

function queued(to: string, extra: Partial<QueuedEmail> = {}): QueuedEmail {
  return { id: randomUUID(), to, subject: 'Your order', text: 'Thank you.', html: '<p>Thank you.</p>', ...extra };
}

/** One SQS delivery of the message; every copy has its own message id, as SQS gives duplicates. */
const delivery = (email: QueuedEmail): SQSEvent =>
  ({
    Records: [{ messageId: randomUUID(), body: JSON.stringify(email), attributes: {}, messageAttributes: {} }],
  }) as unknown as SQSEvent;

/** SNS -> Lambda event carrying an SES configuration-set event, exactly as SES publishes it. */
function snsEvent(message: object): SNSEvent {
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: 'arn:aws:sns:eu-west-1:123456789012:Arbor-MailEvents:3b1c',
        Sns: {
          Type: 'Notification',
          MessageId: randomUUID(),
          TopicArn: 'arn:aws:sns:eu-west-1:123456789012:Arbor-MailEvents',
          Subject: 'Amazon SES Email Event Notification',
          Message: JSON.stringify(message),
          Timestamp: '2026-11-30T23:40:02.669Z',
          SignatureVersion: '1',
          Signature: 'EXAMPLE',
          SigningCertUrl: 'https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-example.pem',
          UnsubscribeUrl: 'https://sns.eu-west-1.amazonaws.com/?Action=Unsubscribe',
          MessageAttributes: {},
        },
      },
    ],
  };
}

const mail = (to: string) => ({
  timestamp: '2026-11-30T23:40:00.000Z',
  source: 'Arbor <no-reply@office.example.com>',
  sourceArn: 'arn:aws:ses:eu-west-1:123456789012:identity/office.example.com',
  sendingAccountId: '123456789012',
  messageId: '0102018f3c1f2a7b-6a1e3c55-8f0e-4f8b-9d4a-1c2b3d4e5f60-000000',
  destination: [to],
  headersTruncated: false,
  tags: { 'ses:configuration-set': ['ArborMail'] },
});

const bounce = (to: string, bounceType = 'Permanent') => ({
  eventType: 'Bounce',
  bounce: {
    feedbackId: '0102018f3c1f2e1c-2b7d9a6e-0c1d-4e2f-8a9b-7c6d5e4f3a2b-000000',
    bounceType,
    bounceSubType: bounceType === 'Permanent' ? 'General' : 'MailboxFull',
    bouncedRecipients: [
      { emailAddress: to, action: 'failed', status: '5.1.1', diagnosticCode: 'smtp; 550 5.1.1 user unknown' },
    ],
    timestamp: '2026-11-30T23:40:02.000Z',
    reportingMTA: 'dns; b224-13.smtp-out.eu-west-1.amazonses.com',
  },
  mail: mail(to),
});

const complaint = (to: string, complaintFeedbackType = 'abuse') => ({
  eventType: 'Complaint',
  complaint: {
    feedbackId: '0102018f3c1f2e1c-9e8d7c6b-5a4f-3e2d-1c0b-a9f8e7d6c5b4-000000',
    complaintSubType: null,
    complainedRecipients: [{ emailAddress: to }],
    timestamp: '2026-11-30T23:45:00.000Z',
    userAgent: 'Mozilla/5.0',
    complaintFeedbackType,
    arrivalDate: '2026-11-30T23:44:58.000Z',
  },
  mail: mail(to),
});

describe('the email consumer', () => {
  it('sends a message once when two copies are processed at the same time', async () => {
    const to = address();
    const email = queued(to);
    const results = await Promise.all([consume(delivery(email)), consume(delivery(email))]);
    expect(await mailTo(to)).toHaveLength(1);
    // The copy that lost the claim either saw the mail sent or asks to come back later.
    expect(results.flatMap((r) => r.batchItemFailures).length).toBeLessThanOrEqual(1);
    expect(await emailRecord(email.id)).toMatchObject({ status: 'sent', sesMessageId: expect.any(String) });

    // The copy that came back later (and any redelivery) finds it sent.
    expect(await consume(delivery(email))).toEqual({ batchItemFailures: [] });
    expect(await mailTo(to)).toHaveLength(1);
  });

  it('sends once out of five simultaneous copies', async () => {
    const to = address();
    const email = queued(to);
    await Promise.all(Array.from({ length: 5 }, () => consume(delivery(email))));
    await consume(delivery(email));
    expect(await mailTo(to)).toHaveLength(1);
  });

  it('makes a copy wait while another worker sends the message, and takes over from a worker that died', async () => {
    const ses = sesClient();
    const send = ses.send.bind(ses) as (command: unknown) => Promise<unknown>;
    const sesSend = vi.spyOn(ses, 'send') as unknown as MockInstance<(command: unknown) => Promise<unknown>>;

    // One worker is inside SES's call: a copy arriving meanwhile fails, to come back later, and sends nothing.
    const busy = queued(address());
    let letThrough!: () => void;
    const gate = new Promise<void>((resolve) => (letThrough = resolve));
    sesSend.mockImplementationOnce(async (command) => {
      await gate;
      return send(command);
    });
    const first = consume(delivery(busy));
    await vi.waitFor(() => expect(sesSend).toHaveBeenCalledTimes(1));
    expect((await consume(delivery(busy))).batchItemFailures).toHaveLength(1);
    letThrough();
    expect(await first).toEqual({ batchItemFailures: [] });
    expect(await mailTo(busy.to)).toHaveLength(1);

    // A worker took a message ten minutes ago and died before SES answered: its lease has run out.
    const abandoned = queued(address());
    const tenMinutesAgo = vi.spyOn(Date, 'now').mockReturnValue(Date.now() - 10 * 60_000);
    sesSend.mockImplementationOnce(() => {
      tenMinutesAgo.mockRestore();
      return new Promise(() => undefined);
    });
    void consume(delivery(abandoned));
    await vi.waitFor(() => expect(sesSend).toHaveBeenCalledTimes(2));
    expect(await consume(delivery(abandoned))).toEqual({ batchItemFailures: [] });
    expect(await mailTo(abandoned.to)).toHaveLength(1);
    sesSend.mockRestore();
  });

  it('leaves nothing behind when SES fails, so the retry sends at once', async () => {
    const email = queued(address());
    const sesSend = vi.spyOn(sesClient(), 'send').mockRejectedValueOnce(new Error('Throttling: Maximum sending rate'));
    expect((await consume(delivery(email))).batchItemFailures).toHaveLength(1);
    expect(await emailRecord(email.id)).toBeUndefined();
    expect(await consume(delivery(email))).toEqual({ batchItemFailures: [] });
    expect(await mailTo(email.to)).toHaveLength(1);
    expect(await emailRecord(email.id)).toMatchObject({ status: 'sent', sesMessageId: expect.any(String) });
    sesSend.mockRestore();
  });

  it('treats a sent mark written before claims existed as sent', async () => {
    const email = queued(address());
    await db().send(
      new PutCommand({
        TableName: env.tableName(),
        Item: { ...keys.emailSent(email.id), entity: 'emailSent', sentAt: new Date().toISOString() },
      }),
    );
    expect(await consume(delivery(email))).toEqual({ batchItemFailures: [] });
    expect(await mailTo(email.to)).toHaveLength(0);
  });
});

describe('bounces and complaints', () => {
  it('suppresses a hard-bounced address: notice mail is skipped and recorded, security mail still goes', async () => {
    const to = address();
    await onSesEvent(snsEvent(bounce(to.toUpperCase())));
    expect(await suppressionOf(to)).toMatchObject({ address: to, reason: 'bounce', detail: 'General' });

    const notice = queued(to);
    expect(await consume(delivery(notice))).toEqual({ batchItemFailures: [] });
    expect(await emailRecord(notice.id)).toMatchObject({ status: 'suppressed', suppressedBecause: 'bounce' });
    expect(await mailTo(to)).toHaveLength(0);

    const reset = passwordResetEmail(to, 'Ana', 'en', 'https://office.example.com/reset#t', 60);
    expect(reset.kind).toBe('security');
    await consume(delivery({ id: randomUUID(), ...reset }));
    expect(await mailTo(to)).toHaveLength(1);
  });

  it('suppresses a complaint, which a later bounce does not overwrite', async () => {
    const to = address();
    await onSesEvent(snsEvent(complaint(to)));
    await onSesEvent(snsEvent(bounce(to)));
    expect(await suppressionOf(to)).toMatchObject({ reason: 'complaint', detail: 'abuse' });
    const notice = queued(to);
    await consume(delivery(notice));
    expect(await emailRecord(notice.id)).toMatchObject({ status: 'suppressed', suppressedBecause: 'complaint' });
    expect(await mailTo(to)).toHaveLength(0);
  });

  /** The profile's suppression mark, and the mailability its sponsor's downline entry shows. */
  const marks = async (member: { id: string }, sponsor: { id: string }) => {
    await streamSettled();
    const read = async (key: { PK: string; SK: string }) =>
      (await db().send(new GetCommand({ TableName: env.tableName(), Key: key }))).Item;
    return {
      suppressed: (await read(keys.member(member.id)))?.emailSuppressed as string | undefined,
      mail: (await read(keys.downline(sponsor.id, 1, member.id)))?.mail as string | undefined,
    };
  };

  it('marks the member who has a bounced address, and its downline entries; a new address clears the mark', async () => {
    const sponsor = await partnerUnder(null);
    const to = address();
    const member = await partnerUnder(sponsor, { email: to });
    await onSesEvent(snsEvent(bounce(to.toUpperCase())));
    expect(await marks(member, sponsor)).toEqual({ suppressed: 'bounce', mail: 'bounced' });

    // A redelivered event changes nothing.
    await onSesEvent(snsEvent(bounce(to)));
    expect(await marks(member, sponsor)).toEqual({ suppressed: 'bounce', mail: 'bounced' });

    const client = await signedIn(member);
    const { version } = (await client.get<{ member: { version: number } }>('/api/members/me')).body.member;
    expect((await client.request('PATCH', '/api/members/me', { version, email: address() })).status).toBe(200);
    expect(await marks(member, sponsor)).toEqual({ suppressed: undefined, mail: 'ok' });
  });

  it('raises a member’s bounce to a complaint, and never lowers a complaint to a bounce', async () => {
    const sponsor = await partnerUnder(null);
    const to = address();
    const member = await partnerUnder(sponsor, { email: to });
    await onSesEvent(snsEvent(bounce(to)));
    await onSesEvent(snsEvent(complaint(to)));
    expect(await marks(member, sponsor)).toEqual({ suppressed: 'complaint', mail: 'bounced' });
    await onSesEvent(snsEvent(bounce(to)));
    expect(await marks(member, sponsor)).toEqual({ suppressed: 'complaint', mail: 'bounced' });
  });

  it('ignores soft bounces, not-spam reports, deliveries and messages that are not SES events', async () => {
    const to = address();
    await onSesEvent(snsEvent(bounce(to, 'Transient')));
    await onSesEvent(snsEvent(complaint(to, 'not-spam')));
    await onSesEvent(snsEvent({ eventType: 'Delivery', mail: mail(to), delivery: { recipients: [to] } }));
    await onSesEvent({
      Records: [{ ...snsEvent({}).Records[0]!, Sns: { ...snsEvent({}).Records[0]!.Sns, Message: 'hi' } }],
    });
    expect(await suppressionOf(to)).toBeUndefined();
    await consume(delivery(queued(to)));
    expect(await mailTo(to)).toHaveLength(1);
  });
});
