import { z } from 'zod';

/** NIST 800-63B: length over composition rules; a ceiling keeps hashing cheap to bound. */
export const Password = z.string().min(10, 'must be at least 10 characters').max(200, 'must be at most 200 characters');

export const SignInBody = z.object({
  /** Username, email or member ID. */
  login: z.string().trim().min(1, 'is required').max(254),
  password: z.string().min(1, 'is required').max(200),
});
export type SignInBody = z.infer<typeof SignInBody>;

export const ChangePasswordBody = z.object({
  currentPassword: z.string().min(1, 'is required').max(200),
  newPassword: Password,
});
export type ChangePasswordBody = z.infer<typeof ChangePasswordBody>;

export const PasswordResetRequestBody = z.object({
  email: z.email('must be an email address').max(254),
});
export type PasswordResetRequestBody = z.infer<typeof PasswordResetRequestBody>;

export const PasswordResetConfirmBody = z.object({
  token: z.string().min(20).max(200),
  newPassword: Password,
});
export type PasswordResetConfirmBody = z.infer<typeof PasswordResetConfirmBody>;

export const LoginOutcome = z.enum(['success', 'wrong_password', 'locked']);
export type LoginOutcome = z.infer<typeof LoginOutcome>;

export interface LoginEvent {
  at: string;
  ip: string;
  userAgent: string;
  outcome: LoginOutcome;
  /** Approximate place (CloudFront's geolocation), null when unknown. */
  location: string | null;
}

/** Lockout policy: this many consecutive failures lock the account for the window. */
export const LOCKOUT = { maxFailures: 5, lockMinutes: 15 } as const;
