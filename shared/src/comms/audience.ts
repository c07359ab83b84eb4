import { z } from 'zod';

/**
 * Who a broadcast goes to: one scope (where in the trees, or the whole
 * company for staff) narrowed by filters. A partner's scope is always its own
 * downline (or its sponsor): there is no parameter that names another member.
 *
 * - `placement`: partners of the placement downline, at a level range (`levels`: "1", "1-3", "2-").
 *   Customers are not placed, so this scope reaches partners only.
 * - `enroller`: the enroller tree: `personal` (those the sender enrolled itself) or `all` (the whole
 *   enroller downline), partners and customers.
 * - `sponsor`: the sender's own sponsor (its immediate upline in the enroller tree).
 * - `company`: every member (staff announcements only), by market, rank, status and kind.
 */
export const AudienceScope = z.enum(['placement', 'enroller', 'sponsor', 'company']);
export type AudienceScope = z.infer<typeof AudienceScope>;

/** The deepest level a range may name (a placement downline is rarely deeper than a few dozen). */
export const MAX_LEVEL = 999;

export interface LevelRange {
  from: number;
  /** Absent: no upper bound. */
  to?: number;
}

/** `"1"` -> 1..1, `"1-3"` -> 1..3, `"2-"` -> 2 and deeper; null when it does not parse. */
export function parseLevelRange(text: string): LevelRange | null {
  const match = /^\s*(\d{1,3})\s*(?:(-)\s*(\d{1,3})?)?\s*$/.exec(text);
  if (!match) return null;
  const from = Number(match[1]);
  const to = match[2] ? (match[3] === undefined ? undefined : Number(match[3])) : from;
  if (from < 1 || (to !== undefined && to < from)) return null;
  return to === undefined ? { from } : { from, to };
}

export const formatLevelRange = (range: LevelRange) =>
  range.to === undefined ? `${range.from}-` : range.from === range.to ? `${range.from}` : `${range.from}-${range.to}`;

const LevelRangeText = z
  .string()
  .max(20)
  .refine((text) => parseLevelRange(text) !== null, {
    message: 'must be a level or a range of levels: "1", "1-3" or "2-" (2 and deeper), from level 1',
  });

export const RecipientKind = z.enum(['partner', 'customer']);
export type RecipientKind = z.infer<typeof RecipientKind>;

/** Statuses a broadcast can address; canceled members never get one. */
export const RecipientStatus = z.enum(['active', 'inactive']);
export type RecipientStatus = z.infer<typeof RecipientStatus>;

export const Audience = z
  .object({
    scope: AudienceScope,
    /** `placement` only: the level range, e.g. "1" or "1-3"; every level when absent. */
    levels: LevelRangeText.optional(),
    /** `enroller` only: those the sender enrolled itself, or its whole enroller downline. */
    enrollees: z.enum(['personal', 'all']).optional(),
    kinds: z.array(RecipientKind).min(1).max(2).optional(),
    statuses: z.array(RecipientStatus).min(1).max(2).optional(),
    minRank: z.number().int().min(1).max(99).optional(),
    maxRank: z.number().int().min(1).max(99).optional(),
    /** Countries (markets), ISO 3166 two-letter codes. */
    countries: z
      .array(z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter country code, e.g. US'))
      .min(1)
      .max(50)
      .optional(),
  })
  .superRefine((audience, ctx) => {
    if (audience.levels !== undefined && audience.scope !== 'placement') {
      ctx.addIssue({ code: 'custom', path: ['levels'], message: 'applies to the placement scope only' });
    }
    if (audience.enrollees !== undefined && audience.scope !== 'enroller') {
      ctx.addIssue({ code: 'custom', path: ['enrollees'], message: 'applies to the enroller scope only' });
    }
    if (audience.scope === 'placement' && audience.kinds?.includes('customer')) {
      ctx.addIssue({
        code: 'custom',
        path: ['kinds'],
        message: 'customers are not placed: choose the enroller tree to reach customers',
      });
    }
    if (audience.minRank !== undefined && audience.maxRank !== undefined && audience.maxRank < audience.minRank) {
      ctx.addIssue({ code: 'custom', path: ['maxRank'], message: 'must not be below minRank' });
    }
  });
export type Audience = z.infer<typeof Audience>;

/** The audience with its defaults filled in, as the resolver reads it. */
export interface ResolvedAudience {
  scope: AudienceScope;
  levels: LevelRange;
  enrollees: 'personal' | 'all';
  kinds: readonly RecipientKind[];
  statuses: readonly RecipientStatus[];
  minRank?: number;
  maxRank?: number;
  countries?: readonly string[];
}

export function resolveAudience(audience: Audience): ResolvedAudience {
  return {
    scope: audience.scope,
    levels: audience.levels ? parseLevelRange(audience.levels)! : { from: 1 },
    enrollees: audience.enrollees ?? 'all',
    kinds: audience.scope === 'placement' ? ['partner'] : (audience.kinds ?? ['partner', 'customer']),
    statuses: audience.statuses ?? ['active'],
    ...(audience.minRank !== undefined ? { minRank: audience.minRank } : {}),
    ...(audience.maxRank !== undefined ? { maxRank: audience.maxRank } : {}),
    ...(audience.countries ? { countries: audience.countries } : {}),
  };
}

/**
 * Whether a member's address can take a broadcast: `ok`, or why not. Kept on
 * the downline and customer entries (and read from profiles) so a count of
 * 100,000 recipients and their exclusions is one pass over an index.
 */
export type Mailability = 'ok' | 'optedOut' | 'bounced' | 'none';

export function mailabilityOf(member: {
  email?: string | undefined;
  emailOptOut?: boolean | undefined;
  emailSuppressed?: string | undefined;
}): Mailability {
  if (!member.email || !member.email.includes('@')) return 'none';
  if (member.emailOptOut) return 'optedOut';
  if (member.emailSuppressed) return 'bounced';
  return 'ok';
}

/** What an audience entry must show to be in the audience (the scope itself is the query). */
export interface AudienceCandidate {
  kind: RecipientKind;
  status: string;
  paidRank: number;
  market: string;
}

/** Whether a candidate passes the audience's filters (the same test the index queries express). */
export function passesFilters(audience: ResolvedAudience, candidate: AudienceCandidate): boolean {
  return (
    audience.kinds.includes(candidate.kind) &&
    (audience.statuses as readonly string[]).includes(candidate.status) &&
    (audience.minRank === undefined || candidate.paidRank >= audience.minRank) &&
    (audience.maxRank === undefined || candidate.paidRank <= audience.maxRank) &&
    (audience.countries === undefined || audience.countries.includes(candidate.market))
  );
}

/** Recipients and exclusions of an audience, as a preview and a broadcast's report show them. */
export const AudienceCounts = z.object({
  /** Members the mail goes to. */
  recipients: z.number().int(),
  excluded: z.object({
    optedOut: z.number().int(),
    bounced: z.number().int(),
    noEmail: z.number().int(),
  }),
});
export type AudienceCounts = z.infer<typeof AudienceCounts>;

export const emptyCounts = (): AudienceCounts => ({
  recipients: 0,
  excluded: { optedOut: 0, bounced: 0, noEmail: 0 },
});

export function countInto(counts: AudienceCounts, mail: Mailability): void {
  if (mail === 'ok') counts.recipients += 1;
  else if (mail === 'optedOut') counts.excluded.optedOut += 1;
  else if (mail === 'bounced') counts.excluded.bounced += 1;
  else counts.excluded.noEmail += 1;
}
