import type { Role } from '@arbor/shared/members/model';

export const ALL_ROLES: readonly Role[] = ['customer', 'partner', 'support', 'admin'];
export const STAFF: readonly Role[] = ['support', 'admin'];
export const ADMIN: readonly Role[] = ['admin'];
