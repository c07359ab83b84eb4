import type { Member } from '@arbor/shared/members/model';
import { ACCOUNT_ACTION_LOG, type AccountAction, type AccountActionResult } from '@arbor/shared/support/account';
import { clearLockoutWrite, getCredentials, isLocked } from '../auth/repository/credentials.js';
import { resetTokenWrite } from '../auth/repository/reset-tokens.js';
import { revokeSessionWrite, sessionsOfMember } from '../auth/repository/sessions.js';
import { resetLinkEmail } from '../auth/service.js';
import { isLive } from '../auth/sessions.js';
import { sendEmail } from '../email/send.js';
import { welcomeEmail } from '../email/templates.js';
import { env } from '../lib/env.js';
import type { Principal } from '../lib/http.js';
import { once } from '../lib/idempotency.js';
import { memberLogWrite, type MemberLogEntry } from '../members/repository.js';
import { transactAll } from './repository/writes.js';

/**
 * What support does to a member's account without ever seeing or setting its password
 * (docs/support.md, "Account actions"). Each action and its log entry (who, why, what it
 * did) are one transaction; the mail it sends goes on the queue after. The same request key
 * does an action once: a repeat answers the first result, one sent meanwhile gets a 409.
 */

interface ActionCall {
  principal: Principal;
  member: Member;
  action: AccountAction;
  reason: string;
  idempotencyKey: string;
}

const logEntry = (call: ActionCall, at: string, detail: Record<string, unknown>): MemberLogEntry => ({
  at,
  actorId: call.principal.memberId,
  action: ACCOUNT_ACTION_LOG[call.action],
  detail,
  reason: call.reason,
});

async function perform(call: ActionCall): Promise<AccountActionResult> {
  const { member, action } = call;
  const now = new Date();
  const at = now.toISOString();
  const base = { action, mailed: false, wasLocked: null, sessionsEnded: null };
  switch (action) {
    case 'password-reset': {
      // The link goes to the address on file; support never learns the token or the new password.
      const { token, write } = resetTokenWrite(member.id, now);
      await transactAll([write, memberLogWrite(member.id, logEntry(call, at, { to: member.email }))]);
      await sendEmail(resetLinkEmail(member, token));
      return { ...base, mailed: true };
    }
    case 'unlock': {
      const credentials = await getCredentials(member.id);
      const wasLocked = credentials ? isLocked(credentials, now) : false;
      await transactAll([
        ...(credentials ? [clearLockoutWrite(member.id)] : []),
        memberLogWrite(member.id, logEntry(call, at, { wasLocked, failedAttempts: credentials?.failedAttempts ?? 0 })),
      ]);
      return { ...base, wasLocked };
    }
    case 'end-sessions': {
      const live = (await sessionsOfMember(member.id)).filter((session) => isLive(session, now));
      await transactAll([
        memberLogWrite(member.id, logEntry(call, at, { sessionsEnded: live.length })),
        ...live.map((session) => revokeSessionWrite(session.sessionId, at)),
      ]);
      return { ...base, sessionsEnded: live.length };
    }
    case 'resend-welcome': {
      await transactAll([memberLogWrite(member.id, logEntry(call, at, { to: member.email }))]);
      await sendEmail(welcomeEmail(member.email, member.firstName, member.language, member, `${env.appUrl()}/sign-in`));
      return { ...base, mailed: true };
    }
  }
}

const performOnce = once<ActionCall, AccountActionResult>(
  {
    use: 'support-action',
    key: (call) => `${call.principal.memberId}:${call.member.id}:${call.action}:${call.idempotencyKey}`,
    sameRequest: (call) => call.reason,
    leaseSeconds: 60,
    keepSeconds: 86_400,
    field: 'body.idempotencyKey',
  },
  perform,
);

export const accountAction = (call: ActionCall) => performOnce(call);
