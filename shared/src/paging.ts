import { z } from 'zod';

/**
 * `?limit=50&cursor=...` for any list; the cursor is opaque to clients. What a
 * list gives out is base64url (some lists prefix it, e.g. `c:`), so anything
 * else is refused here, naming `query.cursor`; the server checks the rest.
 */
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z
    .string()
    .max(2000)
    .regex(/^[A-Za-z0-9_:-]*$/, 'is not a cursor this list gave out')
    .optional(),
});
export type PageQuery = z.infer<typeof PageQuery>;

/** A page of a list: its items, and the cursor of the next page (null on the last). */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), cursor: z.string().nullable() });
