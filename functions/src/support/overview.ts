import type { MemberOverview } from '@arbor/shared/api/support';
import { isStaff, type Member } from '@arbor/shared/members/model';
import { monthKey } from '@arbor/shared/time';
import { getCredentials, isLocked } from '../auth/repository/credentials.js';
import { listLogins } from '../auth/repository/login-history.js';
import { companyTimeZone } from '../commissions/periods.js';
import { liveRankProgress } from '../commissions/progress.js';
import { liveVolume } from '../commissions/live.js';
import { partnerPeriodSummaries } from '../commissions/repository/partner-periods.js';
import { maskLast4 } from '../lib/field-crypto.js';
import type { Principal } from '../lib/http.js';
import { appendMemberLog, getMembers } from '../members/repository.js';
import { listPaymentMethods } from '../payments/repository.js';
import { latestMemberCalls } from './repository/calls.js';

/** How many call notes the overview shows (the call log tab has them all). */
const LATEST_CALLS = 5;

/** Ranks and volume: this month's live figures and the last close's result (customers: volume only). */
async function standing(member: Member, now: Date) {
  const month = monthKey(now, await companyTimeZone());
  const [volume, periods, progress] = await Promise.all([
    liveVolume(member.id, month),
    member.kind === 'partner' ? partnerPeriodSummaries(member.id) : Promise.resolve([]),
    member.kind === 'partner' ? liveRankProgress(member, now) : Promise.resolve(null),
  ]);
  const last = periods.find((period) => /^\d{4}-\d{2}$/.test(period.periodId)) ?? periods[0];
  const qualified = progress?.ranks.filter((rank) => rank.qualified).map((rank) => rank.rank) ?? [];
  return {
    ranks: {
      month,
      qualifiedRank: progress ? Math.max(1, ...qualified) : null,
      paidRank: member.paidRank,
      highestRank: member.highestRank,
      lastPeriod: last ? { periodId: last.periodId, paidRank: last.paidRank, active: Boolean(last.active) } : null,
    },
    liveVolume: { month, pv: volume.pv, gv: volume.gv },
  };
}

/** The identity verification state a profile may carry (the toolbox's review writes it); `none` until then. */
function identityOf(member: Member): string {
  const identity = (member as { identity?: unknown }).identity;
  if (typeof identity === 'string') return identity;
  const status = (identity as { status?: unknown } | undefined)?.status;
  return typeof status === 'string' ? status : 'none';
}

/**
 * Everything support needs at a glance about a member. Reading it shows sensitive fields (tax
 * id masked, birth date, the last sign-in's address): the look is written to the member's log
 * once per read, naming the fields shown.
 */
export async function memberOverview(principal: Principal, member: Member, now = new Date()): Promise<MemberOverview> {
  const [credentials, logins, cards, upline, calls, figures] = await Promise.all([
    getCredentials(member.id),
    listLogins(member.id, 1),
    listPaymentMethods(member.id),
    getMembers([member.sponsorId, member.placementId].filter((id): id is string => Boolean(id))),
    latestMemberCalls(member.id, LATEST_CALLS),
    standing(member, now),
  ]);
  const nameOf = (id: string | null) => {
    const found = id ? upline.find((m) => m.id === id) : undefined;
    return id ? { id, name: found?.displayName ?? id } : null;
  };
  const last = logins.items[0];
  const shown = [
    ...(member.taxId ? ['taxId'] : []),
    ...(member.dateOfBirth ? ['dateOfBirth'] : []),
    ...(last ? ['signInHistory'] : []),
  ];
  if (shown.length) {
    await appendMemberLog(member.id, {
      actorId: principal.memberId,
      action: 'support.viewed',
      detail: { fields: shown, view: 'overview' },
    });
  }
  return {
    id: member.id,
    username: member.username,
    displayName: member.displayName,
    firstName: member.firstName,
    lastName: member.lastName,
    companyName: member.companyName ?? null,
    kind: member.kind,
    level: member.level,
    status: member.status,
    statusChangedAt: member.statusChangedAt ?? null,
    enrolledAt: member.enrolledAt,
    firstPaidAt: member.firstPaidAt,
    ...figures,
    identity: identityOf(member),
    payout: { directDeposit: Boolean(member.directDeposit), taxId: Boolean(member.taxId) },
    email: {
      address: member.email,
      optOut: member.emailOptOut ?? false,
      suppressed: member.emailSuppressed ?? null,
    },
    lastSignIn: last ? { at: last.at, ip: last.ip, location: last.location, outcome: last.outcome } : null,
    lock: {
      locked: credentials ? isLocked(credentials, now) : false,
      until: credentials && isLocked(credentials, now) ? credentials.lockedUntil : null,
      failedAttempts: credentials?.failedAttempts ?? 0,
    },
    taxId: maskLast4(member.taxId),
    address: member.address ?? null,
    phone: member.phone ?? null,
    dateOfBirth: member.dateOfBirth ?? null,
    language: member.language,
    market: member.market,
    cards: cards.map(({ id, brand, last4, expMonth, expYear }) => ({ id, brand, last4, expMonth, expYear })),
    sponsor: nameOf(member.sponsorId),
    placement: nameOf(member.placementId),
    latestCalls: calls,
    staffAccount: isStaff(member.role),
    version: member.version,
  };
}
