import { z } from 'zod';

/** A member in a path: its ID, or `me`. */
export const MemberRef = z.union([z.literal('me'), z.string().regex(/^\d{1,12}$/, 'must be a member ID or "me"')]);
