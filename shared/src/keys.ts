/**
 * The table's keys, in one place. Every item the application writes gets its
 * PK/SK (and any GSI keys) from here; repositories never build key strings.
 * The access patterns these serve are listed in README.md ("Table design").
 */

export interface Key {
  PK: string;
  SK: string;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export type UniqueKind = 'USERNAME' | 'EMAIL' | 'SITE';

export const keys = {
  // ---- members -------------------------------------------------------------
  member: (id: string): Key => ({ PK: `MEMBER#${id}`, SK: 'PROFILE' }),
  credentials: (id: string): Key => ({ PK: `MEMBER#${id}`, SK: 'CREDENTIALS' }),
  /** Login history of a member, newest last in SK order. */
  loginEvent: (id: string, at: string, nonce: string): Key => ({ PK: `MEMBER#${id}`, SK: `LOGIN#${at}#${nonce}` }),
  loginEventPrefix: 'LOGIN#',
  /** The member's log: support actions, moves, status changes. */
  memberLog: (id: string, at: string, nonce: string): Key => ({ PK: `MEMBER#${id}`, SK: `LOG#${at}#${nonce}` }),
  memberLogPrefix: 'LOG#',
  memberPartition: (id: string) => `MEMBER#${id}`,

  /** Guard item that makes a username, email or site name unique (written in the member's transaction). */
  unique: (kind: UniqueKind, value: string): Key => ({
    PK: `UNIQUE#${kind}#${value.trim().toLowerCase()}`,
    SK: 'UNIQUE',
  }),

  /** Atomic counters (member ids). */
  counter: (name: string): Key => ({ PK: `COUNTER#${name}`, SK: 'COUNTER' }),

  /** Enroller-tree children of a sponsor (GSI1 on the member profile). */
  sponsorChildren: (sponsorId: string) => `SPONSOR#${sponsorId}`,
  sponsorChildSort: (enrolledAt: string, id: string) => `${enrolledAt}#${id}`,
  /** Placement-tree children of a parent (GSI2 on the member profile). */
  placementChildren: (parentId: string) => `PLACEMENT#${parentId}`,
  placementChildSort: (placedAt: string, id: string) => `${placedAt}#${id}`,

  // ---- downline index (placement tree) -----------------------------------------
  /** One item per (upline, member) pair: "my team, level 3, page 2" is one Query. */
  downline: (uplineId: string, level: number, memberId: string): Key => ({
    PK: `DOWNLINE#${uplineId}`,
    SK: `L${pad(level, 3)}#${memberId}`,
  }),
  downlinePartition: (uplineId: string) => `DOWNLINE#${uplineId}`,
  downlineLevelPrefix: (level: number) => `L${pad(level, 3)}#`,
  /** GSI3 / GSI4 sort keys of a downline entry: by join time, by last rank change. */
  downlineByTime: (at: string, memberId: string) => `${at}#${memberId}`,
  /** Idempotency mark of a stream event already applied to counters. */
  appliedEvent: (eventId: string, part: number): Key => ({ PK: `APPLIED#${eventId}`, SK: `PART#${part}` }),
  /** Members by normalized name (GSI3), for search by name. */
  nameIndex: (normalized: string) => `NAME#${normalized.slice(0, 2)}`,

  // ---- sessions and tokens -------------------------------------------------
  /** A refresh session, keyed by the hash of its opaque id (the raw id lives only in the cookie). */
  session: (sessionId: string): Key => ({ PK: `SESSION#${sessionId}`, SK: 'SESSION' }),
  /** Sessions of a member (GSI1), newest last. */
  memberSessions: (memberId: string) => `MEMBER#${memberId}#SESSIONS`,
  passwordReset: (tokenHash: string): Key => ({ PK: `RESET#${tokenHash}`, SK: 'RESET' }),

  /** Marks an outgoing email as sent, so a redelivered queue message sends nothing. */
  emailSent: (emailId: string): Key => ({ PK: `EMAIL#${emailId}`, SK: 'SENT' }),

  // ---- company ---------------------------------------------------------------
  companySettings: (): Key => ({ PK: 'COMPANY', SK: 'SETTINGS' }),
  market: (code: string): Key => ({ PK: 'COMPANY', SK: `MARKET#${code}` }),
  marketPrefix: 'MARKET#',

  pad,
} as const;
