import { createHash } from 'node:crypto';
import type { Audience } from '@arbor/shared/comms/audience';
import {
  takesOwnText,
  templateSendableAs,
  type BroadcastDraft,
  type BroadcastView,
  type EmailTemplate,
  type MailSettings,
  type SendBroadcastBody,
} from '@arbor/shared/comms/model';
import { DEFAULT_SETTINGS } from '@arbor/shared/company';
import { AppError, ConflictError, NotFoundError, ValidationError } from '@arbor/shared/errors';
import { isStaff, type Member } from '@arbor/shared/members/model';
import { dayKey } from '@arbor/shared/time';
import type { Principal } from '../auth/principal.js';
import { getCompanySettings } from '../company/repository.js';
import { maskEmail } from '../email/templates.js';
import { keyReusedError } from '../lib/idempotency.js';
import { env } from '../lib/env.js';
import { sendMessage } from '../lib/queues.js';
import { epochSeconds } from '../lib/ids.js';
import { getMember } from '../members/repository.js';
import type { BroadcastRecord, SenderCard } from './records.js';
import { mailSettings } from './settings.js';
import {
  getBroadcast,
  getTemplate,
  insertBroadcast,
  listBroadcasts as listBroadcastRecords,
  moveBroadcast,
  returnQuota,
  zeroCounters,
} from './repository.js';

export type BroadcastType = BroadcastRecord['type'];

/** How far ahead a broadcast may be scheduled. */
const MAX_SCHEDULE_DAYS = 90;

const fieldError = (field: string, rule: string, message: string) =>
  new ValidationError(`${field}: ${message}`, [{ field, rule, message: `${field}: ${message}` }]);

/** What a draft resolves to: its template, the sender, and the checks the schema cannot make. */
export interface CheckedDraft {
  template: EmailTemplate;
  sender: Member;
  sendAt: Date;
}

/**
 * Checks a draft against the things the schema cannot see: the template
 * exists, is active and is for this kind of sender; own text only where the
 * template takes it (and then required); the scope fits the sender (a
 * partner: its own trees or sponsor; an announcement: the company); the send
 * time is ahead, within 90 days. Every refusal names its field.
 */
export async function checkDraft(principal: Principal, draft: BroadcastDraft, type: BroadcastType, now = new Date()) {
  const sender = await getMember(principal.memberId);
  if (!sender) throw new NotFoundError('Your account was not found.');
  if (type === 'partner' && sender.status === 'canceled') {
    throw new AppError(403, 'forbidden', 'A canceled account cannot send broadcasts.');
  }

  const template = await getTemplate(draft.templateId);
  if (!template || !templateSendableAs(template, type)) {
    throw fieldError('body.templateId', 'unknown', 'is not a template you can send');
  }
  if (takesOwnText(template.content)) {
    if (!draft.message) throw fieldError('body.message', 'required', 'this template needs your own text');
  } else {
    if (draft.message) throw fieldError('body.message', 'not_allowed', 'this template does not take your own text');
    if (draft.subject) throw fieldError('body.subject', 'not_allowed', 'this template does not take your own subject');
  }

  if (type === 'partner' && draft.audience.scope === 'company') {
    throw fieldError('body.audience.scope', 'not_allowed', 'a partner sends to its own team or its sponsor');
  }
  if (type === 'announcement' && draft.audience.scope !== 'company') {
    throw fieldError(
      'body.audience.scope',
      'not_allowed',
      'an announcement goes to the company (narrow it with filters)',
    );
  }
  if (draft.audience.scope === 'sponsor' && !sender.sponsorId) {
    throw fieldError('body.audience.scope', 'no_sponsor', 'you have no sponsor');
  }

  let sendAt = now;
  if (draft.sendAt !== undefined) {
    sendAt = new Date(draft.sendAt);
    if (sendAt.getTime() <= now.getTime()) throw fieldError('body.sendAt', 'in_past', 'must be in the future');
    if (sendAt.getTime() > now.getTime() + MAX_SCHEDULE_DAYS * 86_400_000) {
      throw fieldError('body.sendAt', 'too_far', `must be within ${MAX_SCHEDULE_DAYS} days`);
    }
  }
  return { template, sender, sendAt } satisfies CheckedDraft;
}

/** The sender as merge fields show it: a partner's own card, or the company for an announcement. */
export function senderCard(
  sender: Member,
  type: BroadcastType,
  companyName: string,
  settings: MailSettings,
): SenderCard {
  const app = env.appUrl().replace(/\/$/, '');
  if (type === 'announcement') {
    return { name: companyName, email: env.mailFrom(), siteLink: settings.siteUrl ?? app, language: sender.language };
  }
  return {
    name: sender.displayName,
    email: sender.email,
    ...(sender.phone ? { phone: sender.phone } : {}),
    siteLink: sender.siteName ? `${app}/join/${sender.siteName}` : app,
    language: sender.language,
  };
}

/** A broadcast's id: the same sender and idempotency key always name the same broadcast. */
const broadcastId = (senderId: string, key: string) =>
  `bc_${BigInt(`0x${createHash('sha256').update(`${senderId}:${key}`).digest('hex').slice(0, 26)}`)
    .toString(36)
    .padStart(20, '0')
    .slice(-20)}`;

const requestHash = (draft: BroadcastDraft) =>
  createHash('sha256')
    .update(
      JSON.stringify([
        draft.templateId,
        draft.subject,
        draft.message,
        draft.audience,
        draft.extraRecipient,
        draft.sendAt,
      ]),
    )
    .digest('base64url');

/** Asks the fan-out to start (or go on with) a broadcast. */
export const kickFanout = (broadcastId: string, continuation = false) =>
  sendMessage('broadcasts', { broadcastId, ...(continuation ? { continuation } : {}) });

/**
 * Makes a broadcast, once per idempotency key, and starts it when it is due
 * now. A partner's broadcast takes one from its daily quota in the same
 * transaction. Due now, it is written `resolving` and the fan-out is asked
 * to start; later, `scheduled`. Either way it is in the due list, so if the
 * request dies before the fan-out is asked, the per-minute job (due.ts) starts it.
 */
export async function sendBroadcast(principal: Principal, body: SendBroadcastBody, type: BroadcastType) {
  const now = new Date();
  const { template, sender, sendAt } = await checkDraft(principal, body, type, now);
  const settings = await mailSettings();
  const company = await getCompanySettings();
  const timeZone = company?.timeZone ?? DEFAULT_SETTINGS.timeZone;

  const id = broadcastId(sender.id, body.idempotencyKey);
  const hash = requestHash(body);
  const existing = await getBroadcast(id, { consistent: true });
  if (existing) return sameRequest(existing, hash);

  if (type === 'partner' && settings.partnerDailyBroadcasts === 0) {
    throw new AppError(403, 'broadcasts_disabled', 'The company has turned broadcasts to the team off.');
  }
  const day = dayKey(now, timeZone);
  const record: BroadcastRecord = {
    id,
    type,
    senderId: sender.id,
    sender: senderCard(sender, type, company?.name ?? 'Arbor', settings),
    templateId: template.id,
    templateName: template.name,
    content: template.content,
    ...(body.subject ? { subject: body.subject } : {}),
    ...(body.message ? { message: body.message } : {}),
    audience: body.audience,
    ...(body.extraRecipient ? { extraRecipient: body.extraRecipient } : {}),
    // Due now: `resolving` at once (the fan-out starts it); later: `scheduled`. Both stay in the due list.
    status: sendAt.getTime() <= now.getTime() ? 'resolving' : 'scheduled',
    ...(sendAt.getTime() <= now.getTime() ? { startedAt: now.toISOString() } : {}),
    sendAt: sendAt.toISOString(),
    createdAt: now.toISOString(),
    ...(type === 'partner' ? { quotaDay: day } : {}),
    requestHash: hash,
    fanout: { segment: 0, cursor: null, chunk: 0, step: 0 },
    counts: zeroCounters(),
  };
  const outcome = await insertBroadcast(
    record,
    type === 'partner'
      ? { day, limit: settings.partnerDailyBroadcasts, expiresAtEpoch: epochSeconds(now) + 3 * 86_400 }
      : undefined,
  );
  if (outcome === 'exists') return sameRequest((await getBroadcast(id, { consistent: true }))!, hash);
  if (outcome === 'over_quota') {
    throw new AppError(
      429,
      'daily_broadcast_limit',
      `You have sent the ${settings.partnerDailyBroadcasts} broadcasts a day the company allows; try again tomorrow.`,
    );
  }
  if (sendAt.getTime() <= now.getTime()) await kickFanout(id).catch(() => undefined);
  return broadcastView((await getBroadcast(id, { consistent: true })) ?? record);
}

function sameRequest(existing: BroadcastRecord, hash: string): BroadcastView {
  if (existing.requestHash !== hash) throw keyReusedError('body.idempotencyKey');
  return broadcastView(existing);
}

/** The broadcast if the caller may see it: its sender, or staff. Anyone else gets a 404, like a missing one. */
export async function visibleBroadcast(principal: Principal, id: string): Promise<BroadcastRecord> {
  const record = await getBroadcast(id, { consistent: true });
  if (!record || (!isStaff(principal.role) && record.senderId !== principal.memberId)) {
    throw new NotFoundError('No broadcast with that id.', 'broadcast_not_found');
  }
  return record;
}

/** Cancels a scheduled broadcast (its sender, or an admin); a partner's quota of that day is given back. */
export async function cancelBroadcast(principal: Principal, id: string): Promise<BroadcastView> {
  const record = await visibleBroadcast(principal, id);
  if (record.senderId !== principal.memberId && principal.role !== 'admin') {
    throw new NotFoundError('No broadcast with that id.', 'broadcast_not_found');
  }
  const moved = await moveBroadcast(id, ['scheduled'], 'canceled', { canceledAt: new Date().toISOString() });
  if (!moved) {
    const current = await getBroadcast(id, { consistent: true });
    if (current?.status === 'canceled') return broadcastView(current);
    throw new ConflictError('This broadcast has started; it can no longer be canceled.', 'already_started');
  }
  if (record.quotaDay) await returnQuota(record.senderId, record.quotaDay);
  return broadcastView((await getBroadcast(id, { consistent: true }))!);
}

export async function listBroadcasts(
  principal: Principal,
  query: { limit: number; cursor?: string | undefined; sender?: string | undefined; status?: string | undefined },
) {
  if (query.sender && !isStaff(principal.role) && query.sender !== principal.memberId) {
    throw fieldError('query.sender', 'not_allowed', 'only staff list another member’s broadcasts');
  }
  const page = await listBroadcastRecords(
    { senderId: query.sender ?? principal.memberId },
    query.limit,
    query.cursor,
    query.status,
  );
  return { items: page.items.map(broadcastView), cursor: page.cursor };
}

export async function listAnnouncements(query: { limit: number; cursor?: string | undefined }) {
  const page = await listBroadcastRecords('announcements', query.limit, query.cursor);
  return { items: page.items.map(broadcastView), cursor: page.cursor };
}

export function broadcastView(record: BroadcastRecord): BroadcastView {
  const c = record.counts;
  const language = record.sender.language;
  return {
    id: record.id,
    type: record.type,
    senderId: record.senderId,
    senderName: record.sender.name,
    templateId: record.templateId,
    templateName: record.templateName,
    subject: record.subject ?? record.content[language].subject,
    ...(record.message ? { message: record.message } : {}),
    audience: record.audience as Audience,
    ...(record.extraRecipient ? { extraRecipient: maskEmail(record.extraRecipient) } : {}),
    status: record.status,
    sendAt: record.sendAt,
    createdAt: record.createdAt,
    ...(record.startedAt ? { startedAt: record.startedAt } : {}),
    ...(record.resolvedAt ? { resolvedAt: record.resolvedAt } : {}),
    ...(record.finishedAt ? { finishedAt: record.finishedAt } : {}),
    ...(record.canceledAt ? { canceledAt: record.canceledAt } : {}),
    counts: {
      recipients: c.recipients,
      excluded: { optedOut: c.optedOut, bounced: c.excludedBounced, noEmail: c.noEmail },
      queued: c.queued,
      sent: c.sent,
      suppressed: c.suppressed,
      bounced: c.bounced,
      failed: c.failed,
    },
  };
}
