import type { Audience } from '@arbor/shared/comms/audience';
import type { BroadcastStatus, TemplateContent } from '@arbor/shared/comms/model';
import type { Language } from '@arbor/shared/members/model';
import type { Counters } from './repository.js';

/** Where the fan-out is: which audience source, where in it, and how many chunks it has queued so far. */
export interface FanoutState {
  /** The audience source being read; -1 once every source is read. */
  segment: number;
  cursor: string | null;
  chunk: number;
  /** Pages saved so far: each save is conditional on the step it started from. */
  step: number;
  /** The page read but not yet moved past: what a replay queues again, exactly (fanout.ts). */
  pending?: PendingPage;
}

export interface PendingPage {
  memberIds: string[];
  excluded: Partial<Counters>;
  next: { segment: number; cursor: string | null } | null;
  chunkSize: number;
}

/** The sender as recipients see it in merge fields, taken when the broadcast is made. */
export interface SenderCard {
  name: string;
  email: string;
  phone?: string;
  siteLink: string;
  language: Language;
}

/**
 * A broadcast as stored: the template's text as it was when the broadcast
 * was made (a later edit of the template changes no mail already on its
 * way), the audience, the sender's card, and the fan-out's state and counts.
 */
export interface BroadcastRecord {
  id: string;
  type: 'partner' | 'announcement';
  senderId: string;
  sender: SenderCard;
  templateId: string;
  templateName: string;
  content: { en: TemplateContent; es: TemplateContent };
  /** The sender's own subject and text (templates with `{{message}}`). */
  subject?: string;
  message?: string;
  audience: Audience;
  extraRecipient?: string;
  status: BroadcastStatus;
  sendAt: string;
  createdAt: string;
  /** The company day whose quota the broadcast took (partners). */
  quotaDay?: string;
  /** The hash of what was asked, so a reused idempotency key with another request is told apart. */
  requestHash: string;
  startedAt?: string;
  resolvedAt?: string;
  finishedAt?: string;
  canceledAt?: string;
  fanout: FanoutState;
  /** When the fan-out last saved a page (a stalled one is taken over after a while). */
  fanoutAt?: string;
  counts: Counters;
}

/** A chunk of recipients on the email queue: the consumer sends each of them their mail. */
export interface ChunkMessage {
  type: 'broadcastChunk';
  broadcastId: string;
  chunk: number;
  /** Member IDs; the extra recipient's chunk names no member. */
  memberIds: string[];
  extra?: boolean;
}
