import { z } from 'zod';
import {
  ChangePasswordBody,
  LoginOutcome,
  PasswordResetConfirmBody,
  PasswordResetRequestBody,
  SignInBody,
} from '../auth/schemas.js';
import { MemberSummary } from '../members/model.js';
import { PageQuery, pageOf } from '../paging.js';
import { ALL_ROLES, endpoint, IsoDateTime } from './endpoint.js';

export const LoginEvent = z.object({
  at: IsoDateTime,
  ip: z.string(),
  userAgent: z.string(),
  outcome: LoginOutcome,
  /** Approximate place of the sign-in (city, region, country), when CloudFront told it. */
  location: z.string().nullable(),
});
export const LoginHistoryPage = pageOf(LoginEvent);

export const Me = z.object({
  member: MemberSummary.extend({ rankName: z.string(), highestRankName: z.string() }),
  session: z.object({
    readOnly: z.boolean(),
    impersonatedBy: z.string().nullable(),
    /** When a read-only view of the member's portal by support ends (null: not a view). */
    viewEndsAt: IsoDateTime.nullable(),
  }),
});

/** Sign-in, sessions and passwords. Sessions travel in httpOnly cookies set by these routes. */
export const authApi = {
  signIn: endpoint({
    auth: 'public',
    summary: 'Sign in with a username, email or member ID and a password; sets the session cookies.',
    body: SignInBody,
    response: z.object({ member: MemberSummary }),
  }),
  signOut: endpoint({
    auth: 'public',
    summary: 'End the session and clear its cookies (works with an expired session too).',
    response: null,
    status: 204,
  }),
  refresh: endpoint({
    auth: 'public',
    summary: 'Trade the refresh cookie for new session cookies; 409 refresh_raced when another tab just did.',
    response: z.object({ refreshed: z.literal(true) }),
  }),
  me: endpoint({ auth: ALL_ROLES, summary: 'The signed-in member and its session.', response: Me }),
  changePassword: endpoint({
    auth: ALL_ROLES,
    summary: "Change the member's own password (ends its other sessions).",
    body: ChangePasswordBody,
    response: null,
    status: 204,
  }),
  requestPasswordReset: endpoint({
    auth: 'public',
    summary: 'Mail a password-reset link (the answer is the same whether or not the email is known).',
    body: PasswordResetRequestBody,
    response: z.object({ message: z.string() }),
    status: 202,
  }),
  confirmPasswordReset: endpoint({
    auth: 'public',
    summary: 'Set a new password with the token of a reset link.',
    body: PasswordResetConfirmBody,
    response: null,
    status: 204,
  }),
  loginHistory: endpoint({
    auth: ALL_ROLES,
    summary: "The member's own sign-ins, newest first.",
    query: PageQuery,
    response: LoginHistoryPage,
  }),
};
