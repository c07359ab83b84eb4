import { z } from 'zod';
import { LoginOutcome } from '../auth/schemas.js';
import { MemberId, MemberKind, MemberStatus, StoredAddress } from '../members/model.js';
import { PageQuery, pageOf } from '../paging.js';
import {
  AccountActionBody,
  AccountActionParams,
  AccountActionResult,
  AddCallBody,
  CallNote,
  MemberCallsQuery,
  PortalView,
  RecentCallsQuery,
  StartViewBody,
  TimelineEvent,
  TimelineQuery,
  VIEW_MINUTES,
  ViewStarted,
} from '../support/account.js';
import { SupportSearchQuery, SupportSearchResult } from '../support/search.js';
import { LoginHistoryPage } from './auth.js';
import { endpoint, IsoDate, IsoDateTime, STAFF } from './endpoint.js';

const MemberParams = z.object({ id: MemberId });
const Masked = z.string().meta({ description: 'Only the last 4 characters, e.g. ••••1234' });
const MemberLink = z.object({ id: MemberId, name: z.string() }).nullable();

/**
 * Everything support needs at a glance about a member (functions/src/support/overview.ts).
 * Sensitive values leave masked; reading them is written to the member's log.
 */
export const MemberOverview = z.object({
  id: MemberId,
  username: z.string(),
  displayName: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  companyName: z.string().nullable(),
  kind: MemberKind,
  level: z.string(),
  status: MemberStatus,
  statusChangedAt: IsoDateTime.nullable(),
  enrolledAt: IsoDateTime,
  firstPaidAt: IsoDateTime.nullable(),
  ranks: z.object({
    /** The month the live figures are of (company time zone). */
    month: z.string(),
    /** The highest rank this month's live volumes qualify for (partners; null for customers). */
    qualifiedRank: z.number().int().nullable(),
    /** The paid rank of the last closed month. */
    paidRank: z.number().int(),
    highestRank: z.number().int(),
    /** The last closed period's result for the member, if any. */
    lastPeriod: z.object({ periodId: z.string(), paidRank: z.number().int(), active: z.boolean() }).nullable(),
  }),
  /** This month's live volume: PV (what the member's own orders apply to its sponsor) and GV. */
  liveVolume: z.object({ month: z.string(), pv: z.number().int(), gv: z.number().int() }),
  /** Identity verification: `none` until documents are reviewed. */
  identity: z.string(),
  payout: z.object({ directDeposit: z.boolean(), taxId: z.boolean() }),
  email: z.object({
    address: z.string(),
    optOut: z.boolean(),
    suppressed: z.enum(['bounce', 'complaint']).nullable(),
  }),
  lastSignIn: z
    .object({ at: IsoDateTime, ip: z.string(), location: z.string().nullable(), outcome: LoginOutcome })
    .nullable(),
  lock: z.object({ locked: z.boolean(), until: IsoDateTime.nullable(), failedAttempts: z.number().int() }),
  taxId: Masked.nullable(),
  address: StoredAddress.nullable(),
  phone: z.string().nullable(),
  dateOfBirth: IsoDate.nullable(),
  language: z.string(),
  market: z.string(),
  cards: z.array(
    z.object({
      id: z.string(),
      brand: z.string(),
      last4: z.string(),
      expMonth: z.number().int(),
      expYear: z.number().int(),
    }),
  ),
  sponsor: MemberLink,
  placement: MemberLink,
  latestCalls: z.array(CallNote),
  /** A staff account: support cannot act on it (only an admin edits staff, elsewhere). */
  staffAccount: z.boolean(),
  version: z.number().int(),
});
export type MemberOverview = z.infer<typeof MemberOverview>;

/** Support's views of a member's account. */
export const supportApi = {
  search: endpoint({
    auth: STAFF,
    summary:
      'Find a member by ID, username, email, first or last name or both in either order, phone (its last digits), company name or the last 4 of a saved card; accents and case ignored, best match first, paged.',
    query: SupportSearchQuery,
    response: pageOf(SupportSearchResult),
  }),
  memberLoginHistory: endpoint({
    auth: STAFF,
    summary: "A member's sign-ins, for support (the look is written to the member's log).",
    params: z.object({ id: MemberId }),
    query: PageQuery,
    response: LoginHistoryPage,
  }),
  memberOverview: endpoint({
    auth: STAFF,
    summary:
      "A member's account at a glance for support: status, ranks, volume, payout and identity state, last sign-in, lock, cards, upline and the latest call notes (the read of sensitive fields is written to the member's log).",
    params: MemberParams,
    response: z.object({ member: MemberOverview }),
  }),
  memberTimeline: endpoint({
    auth: STAFF,
    summary: "The member's timeline, newest first: its log (every staff action), call notes and sign-ins merged.",
    params: MemberParams,
    query: TimelineQuery,
    response: z.object({ items: z.array(TimelineEvent), before: IsoDateTime.nullable() }),
  }),
  memberCalls: endpoint({
    auth: STAFF,
    summary: "The member's call log, newest first, filtered by words, channel or topic.",
    params: MemberParams,
    query: MemberCallsQuery,
    response: pageOf(CallNote),
  }),
  addMemberCall: endpoint({
    auth: STAFF,
    summary:
      'Write a call-log note for the member (channel, topic, outcome, text); the same idempotencyKey writes it once. Not on staff accounts.',
    params: MemberParams,
    body: AddCallBody,
    response: z.object({ note: CallNote }),
    status: 201,
  }),
  recentCalls: endpoint({
    auth: STAFF,
    summary: "The company's call log of one month (the month of `to`, else this one), newest first, filtered.",
    query: RecentCallsQuery,
    response: pageOf(CallNote),
  }),
  accountAction: endpoint({
    auth: STAFF,
    summary:
      "Act on a member's account with a reason: mail a password-reset link, lift a lockout, end every session, mail the welcome again. Support never sees or sets a password; never on staff accounts.",
    params: AccountActionParams,
    body: AccountActionBody,
    response: AccountActionResult,
  }),
  startViewAs: endpoint({
    auth: STAFF,
    summary: `Open the member's portal as the member sees it: a read-only session of ${VIEW_MINUTES} minutes in this browser (every request recorded); end it with view-as/end.`,
    params: MemberParams,
    body: StartViewBody,
    response: ViewStarted,
    status: 201,
  }),
  endViewAs: endpoint({
    auth: 'public',
    summary:
      "End the read-only view of a member's portal and return to the staff session it was opened from (also after the view expired).",
    response: z.object({ memberId: MemberId }),
    allowReadOnly: true,
  }),
  memberViews: endpoint({
    auth: STAFF,
    summary: "Staff's views of the member's portal, newest first, with the requests made under each.",
    params: MemberParams,
    query: PageQuery.extend({ limit: z.coerce.number().int().min(1).max(20).default(10) }),
    response: pageOf(PortalView),
  }),
};
