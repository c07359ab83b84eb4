/**
 * The table's keys, in one place. Every item the application writes gets its
 * PK/SK (and any GSI keys) from here; repositories never build key strings.
 * The access patterns these serve are listed in docs/table-design.md.
 */

export interface Key {
  PK: string;
  SK: string;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** How many GSI4 partitions hold the list of all members. */
export const MEMBER_SHARDS = 16;

const memberShard = (shard: number) => `MEMBERS#${shard}`;

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
  /** The member ID of a key in a member's partition (`MEMBER#<id>`). */
  memberIdOf: (partition: string) => partition.slice('MEMBER#'.length),

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
  nameSort: (normalized: string, id: string) => `${normalized}#${id}`,
  /**
   * Staff search (shared/src/support/search.ts): one item per token of a member (username,
   * email, name word, reversed phone digits, company word, a saved card's last 4), in the
   * partition of its field and first 2 characters, sorted by token then member (then card).
   */
  searchToken: (field: string, token: string, memberId: string, methodId?: string): Key => ({
    PK: `FIND#${field}:${token.slice(0, 2)}`,
    SK: `${token}#${memberId}${methodId ? `#${methodId}` : ''}`,
  }),
  searchPartition: (field: string, token: string) => `FIND#${field}:${token.slice(0, 2)}`,
  /** The sort-key prefix of exactly `token` (then `#<member>`), or of every token starting with it. */
  searchSortPrefix: (token: string, exact: boolean) => (exact ? `${token}#` : token),

  // ---- catalog ---------------------------------------------------------------
  product: (sku: string): Key => ({ PK: `PRODUCT#${sku}`, SK: 'PRODUCT' }),
  /** All products (GSI1), by SKU: a catalog is hundreds of items, one partition is fine. */
  catalogIndex: 'CATALOG',
  category: (code: string): Key => ({ PK: 'CATALOG', SK: `CATEGORY#${code}` }),
  quality: (code: string): Key => ({ PK: 'CATALOG', SK: `QUALITY#${code}` }),
  catalogPartition: 'CATALOG',
  shippingRule: (market: string): Key => ({ PK: 'COMPANY', SK: `SHIPPING#${market}` }),
  taxTable: (): Key => ({ PK: 'COMPANY', SK: 'TAXTABLE' }),

  // ---- orders and payments ---------------------------------------------------
  order: (id: string): Key => ({ PK: `ORDER#${id}`, SK: 'ORDER' }),
  /** A member's orders (GSI1), by creation time. */
  memberOrders: (memberId: string) => `MEMBER#${memberId}#ORDERS`,
  /** Orders by status (GSI2), by creation time: the support queue. */
  ordersByStatus: (status: string) => `ORDERS#${status}`,
  /** The sort key of an order in each of its lists (GSI1 to GSI4): by creation time. */
  orderSort: (createdAt: string, orderId: string) => `${createdAt}#${orderId}`,
  /** Every order (GSI3), by creation time: staff's company-wide list. */
  allOrders: 'ORDERS_ALL',
  /** Orders with any refund (GSI4, sparse), by creation time: the "returned" queue. */
  returnedOrders: 'ORDERS_RETURNED',
  /** A checkout's idempotency mark: the same checkout submitted twice makes one order. */
  checkout: (idempotencyKey: string): Key => ({ PK: `CHECKOUT#${idempotencyKey}`, SK: 'CHECKOUT' }),
  /** Volume an order (or its refund) adds to a period: `PK=ORDER#id`, GSI3 by month. */
  volumeEvent: (orderId: string, seq: number): Key => ({ PK: `ORDER#${orderId}`, SK: `VOLUME#${pad(seq, 3)}` }),
  volumeByMonth: (month: string) => `VOLUME#${month}`,
  volumeEventSort: (at: string, orderId: string, seq: number) => `${at}#${orderId}#${seq}`,
  paymentMethod: (memberId: string, methodId: string): Key => ({ PK: `MEMBER#${memberId}`, SK: `PAYMENT#${methodId}` }),
  paymentMethodPrefix: 'PAYMENT#',
  giftCard: (code: string): Key => ({ PK: `GIFTCARD#${code.toUpperCase()}`, SK: 'GIFTCARD' }),
  /** The sandbox gateway's own records (a stand-in for the processor's side). */
  gatewayToken: (token: string): Key => ({ PK: `GATEWAY#TOKEN#${token}`, SK: 'TOKEN' }),
  gatewayCharge: (idempotencyKey: string): Key => ({ PK: `GATEWAY#CHARGE#${idempotencyKey}`, SK: 'CHARGE' }),
  gatewayRefund: (idempotencyKey: string): Key => ({ PK: `GATEWAY#CHARGE#refund:${idempotencyKey}`, SK: 'CHARGE' }),

  // ---- autoship --------------------------------------------------------------
  autoship: (memberId: string, autoshipId: string): Key => ({ PK: `MEMBER#${memberId}`, SK: `AUTOSHIP#${autoshipId}` }),
  autoshipPrefix: 'AUTOSHIP#',
  /** Active autoships due on a date (GSI1; sparse). */
  autoshipsDue: (date: string) => `AUTOSHIP_DUE#${date}`,
  autoshipDueSort: (memberId: string, autoshipId: string) => `${memberId}#${autoshipId}`,
  autoshipRun: (autoshipId: string, runDate: string): Key => ({ PK: `AUTOSHIP#${autoshipId}`, SK: `RUN#${runDate}` }),

  // ---- commissions -----------------------------------------------------------
  /** Every member, spread over shards (GSI4 on the profile) so the close can read them in parallel. */
  membersShard: (memberId: string) => memberShard(Number(memberId) % MEMBER_SHARDS),
  /** One of the MEMBER_SHARDS partitions, by number (the close reads them all). */
  memberShard,
  plan: (id: string): Key => ({ PK: `PLAN#${id}`, SK: 'PLAN' }),
  plansIndex: 'PLANS',
  planSort: (createdAt: string, planId: string) => `${createdAt}#${planId}`,
  activePlan: (): Key => ({ PK: 'COMPANY', SK: 'ACTIVE_PLAN' }),
  period: (id: string): Key => ({ PK: `PERIOD#${id}`, SK: 'PERIOD' }),
  periodsIndex: 'PERIODS',
  periodSort: (end: string, periodId: string) => `${end}#${periodId}`,
  /** One partner's result for one period: volumes, rank and its commission lines. */
  partnerPeriod: (memberId: string, periodId: string): Key => ({
    PK: `MEMBER#${memberId}`,
    SK: `COMMISSION#${periodId}`,
  }),
  partnerPeriodPrefix: 'COMMISSION#',
  /** A partner's periods whose ID starts with `idStart` (`2`: every dated period, weekly and monthly). */
  partnerPeriodsFrom: (idStart: string) => `COMMISSION#${idStart}`,
  /** Partners paid in a period (GSI2, sparse): the payout export reads it. */
  earnings: (periodId: string) => `EARNINGS#${periodId}`,
  balance: (memberId: string): Key => ({ PK: `MEMBER#${memberId}`, SK: 'BALANCE' }),
  /** Live volumes of a month, kept by the volume stream: PV of the member, GV of its placement subtree. */
  liveVolume: (memberId: string, month: string): Key => ({ PK: `MEMBER#${memberId}`, SK: `LIVE#${month}` }),

  // ---- sessions and tokens -------------------------------------------------
  /** A refresh session, keyed by the hash of its opaque id (the raw id lives only in the cookie). */
  session: (sessionId: string): Key => ({ PK: `SESSION#${sessionId}`, SK: 'SESSION' }),
  /** Sessions of a member (GSI1), newest last. */
  memberSessions: (memberId: string) => `MEMBER#${memberId}#SESSIONS`,
  passwordReset: (tokenHash: string): Key => ({ PK: `RESET#${tokenHash}`, SK: 'RESET' }),
  /**
   * Failed sign-ins under a login name that belongs to no one (hashed), so an
   * unknown name locks like an account does (TTL).
   */
  loginFailures: (loginHash: string): Key => ({ PK: `LOGINFAIL#${loginHash}`, SK: 'LOCKOUT' }),
  /** A rate limit's counter for one subject (IP, hashed email, member): its current window and hits (TTL). */
  rateLimit: (limit: string, subject: string): Key => ({ PK: `RATE#${limit}#${subject}`, SK: 'WINDOW' }),
  /**
   * Powertools idempotency records of one use (`email`, `autoship`, `checkout`) share this
   * partition; each record's sort key is `<use>#<hash of its key>` (functions/src/lib/idempotency.ts).
   */
  idempotency: (use: string) => `IDEMPOTENCY#${use}`,

  /**
   * The send record of an outgoing email: written when SES took it (sent) or when the address
   * is suppressed, so a redelivered or duplicated queue message sends nothing.
   */
  emailSent: (emailId: string): Key => ({ PK: `EMAIL#${emailId}`, SK: 'SENT' }),
  /** An address SES reported a hard bounce or a complaint for; the email consumer skips it. */
  emailSuppression: (address: string): Key => ({
    PK: `SUPPRESSION#${address.trim().toLowerCase()}`,
    SK: 'SUPPRESSION',
  }),

  // ---- integrations ----------------------------------------------------------
  /** An API key by its id (the 12 hex digits after `arb_live_`): the hash of the key, its scopes, its last use. */
  apiKey: (keyId: string): Key => ({ PK: `APIKEY#${keyId}`, SK: 'APIKEY' }),
  /** Every API key (GSI1), by creation time. */
  apiKeysIndex: 'APIKEYS',
  webhook: (endpointId: string): Key => ({ PK: `WEBHOOK#${endpointId}`, SK: 'ENDPOINT' }),
  /** Every webhook endpoint (GSI1), by creation time. */
  webhooksIndex: 'WEBHOOKS',
  /** The sort key of an API key or endpoint in its list: by creation time. */
  createdSort: (createdAt: string, id: string) => `${createdAt}#${id}`,
  /** One event's delivery to one endpoint, in the endpoint's partition (event ids sort by time). */
  webhookDelivery: (endpointId: string, eventId: string): Key => ({
    PK: `WEBHOOK#${endpointId}`,
    SK: `DELIVERY#${eventId}`,
  }),
  webhookDeliveryPrefix: 'DELIVERY#',
  /**
   * An event in the outbox, written in the transaction of the change it reports; the table's
   * stream hands it to the webhook fan-out (its consumer's filter is this sort key), then it expires.
   */
  outboxEvent: (eventId: string): Key => ({ PK: `EVENT#${eventId}`, SK: 'EVENT' }),

  // ---- communications (broadcasts, templates, news) ---------------------------
  /**
   * A customer's audience entry under one of its enroller ancestors (customers are not placed, so the
   * downline index does not hold them): "every customer of my enroller downline" is one Query.
   */
  customerEntry: (enrollerId: string, memberId: string): Key => ({
    PK: `CUSTOMERS#${enrollerId}`,
    SK: memberId,
  }),
  customersPartition: (enrollerId: string) => `CUSTOMERS#${enrollerId}`,
  /** A company email template (both languages), and the list of them (GSI1) by name. */
  emailTemplate: (templateId: string): Key => ({ PK: `TEMPLATE#${templateId}`, SK: 'TEMPLATE' }),
  templatesIndex: 'TEMPLATES',
  /** A broadcast (a partner's mail to its team, or a staff announcement): what, to whom, progress. */
  broadcast: (broadcastId: string): Key => ({ PK: `BROADCAST#${broadcastId}`, SK: 'BROADCAST' }),
  /** A fan-out chunk counted once: its mark is written in the transaction that adds its outcomes. */
  broadcastChunk: (broadcastId: string, chunk: number): Key => ({
    PK: `BROADCAST#${broadcastId}`,
    SK: `CHUNK#${pad(chunk, 6)}`,
  }),
  /** A bounce or complaint SES reported for one of a broadcast's mails, counted once. */
  broadcastBounce: (broadcastId: string, sesMessageId: string): Key => ({
    PK: `BROADCAST#${broadcastId}`,
    SK: `BOUNCE#${sesMessageId}`,
  }),
  /** A sender's broadcasts (GSI1), by creation time; staff announcements share one list. */
  senderBroadcasts: (senderId: string) => `MEMBER#${senderId}#BROADCASTS`,
  announcementsIndex: 'ANNOUNCEMENTS',
  /** Scheduled broadcasts not yet started (GSI2, sparse), by send time: the per-minute job reads it. */
  broadcastsDue: 'BROADCASTS_DUE',
  broadcastDueSort: (sendAt: string, broadcastId: string) => `${sendAt}#${broadcastId}`,
  /** A partner's broadcasts of one company day, counted against the daily limit (TTL). */
  broadcastQuota: (senderId: string, day: string): Key => ({ PK: `BQUOTA#${senderId}`, SK: `DAY#${day}` }),
  /** A news article (admin) or a partner's note to its downline. */
  newsItem: (newsId: string): Key => ({ PK: `NEWS#${newsId}`, SK: 'NEWS' }),
  /** Company articles (GSI1) by publication time. */
  newsIndex: 'NEWS',
  /** A partner's notes to its downline (GSI1) by publication time. */
  memberNotes: (authorId: string) => `MEMBER#${authorId}#NOTES`,
  /** The sort key of a news item in its list: publication time, then id. */
  newsSort: (publishAt: string, newsId: string) => `${publishAt}#${newsId}`,

  // ---- support cases (docs/cases.md) ------------------------------------------
  /** A case by its number; its thread entries share the partition (`ENTRY#<at>#<id>`), so one Query reads both. */
  supportCase: (number: number): Key => ({ PK: `CASE#${pad(number, 9)}`, SK: 'CASE' }),
  casePartition: (number: number) => `CASE#${pad(number, 9)}`,
  caseEntry: (number: number, at: string, entryId: string): Key => ({
    PK: `CASE#${pad(number, 9)}`,
    SK: `ENTRY#${at}#${entryId}`,
  }),
  caseEntryPrefix: 'ENTRY#',
  /** An active case's deadline marker (open, in progress, waiting): in the deadline list (GSI2) while active. */
  caseDue: (number: number): Key => ({ PK: `CASE#${pad(number, 9)}`, SK: 'DUE' }),
  /** A request already made (a create, a note, a reply): the same key makes nothing twice; holds what it made. */
  caseRequest: (scopedKeyHash: string): Key => ({ PK: `CASEREQ#${scopedKeyHash}`, SK: 'CASEREQ' }),
  /** How many cases are in each status, moved in the transaction of every change. */
  caseStatusCount: (status: string): Key => ({ PK: 'CASESTATS', SK: `STATUS#${status}` }),
  caseStatsPartition: 'CASESTATS',
  /** A company-defined case type with its SLA hours; listed (GSI1) by id. */
  caseType: (typeId: string): Key => ({ PK: `CASETYPE#${typeId}`, SK: 'CASETYPE' }),
  caseTypesIndex: 'CASETYPES',
  /** Case lists: by status (GSI1), by assignee (GSI2), all (GSI3), a member's (GSI4); each by creation time. */
  casesByStatus: (status: string) => `CASES#${status}`,
  casesByAssignee: (staffId: string) => `CASES_ASSIGNEE#${staffId}`,
  allCases: 'CASES_ALL',
  memberCases: (memberId: string) => `MEMBER#${memberId}#CASES`,
  caseSort: (createdAt: string, number: number) => `${createdAt}#${pad(number, 9)}`,
  /** Active cases by SLA deadline (GSI2, on the DUE marker): expired and about-to-expire counts. */
  casesDue: 'CASES_DUE',
  caseDueSort: (deadline: string, number: number) => `${deadline}#${pad(number, 9)}`,

  // ---- support: call log and portal views (docs/support.md) -------------------------
  /** A note of the call log (its id comes from the agent's request key, so a repeat writes nothing new). */
  callNote: (noteId: string): Key => ({ PK: `CALL#${noteId}`, SK: 'CALL' }),
  /** A member's call notes (GSI1), and the company's of one month (GSI3), both by time. */
  memberCalls: (memberId: string) => `MEMBER#${memberId}#CALLS`,
  callsByMonth: (month: string) => `CALLS#${month}`,
  callSort: (at: string, noteId: string) => `${at}#${noteId}`,
  /** A view of a member's portal by staff, in the member's partition (newest last in SK order). */
  portalView: (memberId: string, startedAt: string, viewId: string): Key => ({
    PK: `MEMBER#${memberId}`,
    SK: `VIEW#${startedAt}#${viewId}`,
  }),
  portalViewPrefix: 'VIEW#',
  /** One API request made under a view (its own partition, so recording never contends with the member's). */
  viewRequest: (viewId: string, at: string, nonce: string): Key => ({
    PK: `VIEW#${viewId}`,
    SK: `REQ#${at}#${nonce}`,
  }),
  viewRequestsPartition: (viewId: string) => `VIEW#${viewId}`,

  // ---- services and reward points (docs/services.md) --------------------------------
  /** The company's services catalog and its points rule, one partition (a Query reads the catalog). */
  servicesPartition: 'SERVICES',
  serviceDefinition: (code: string): Key => ({ PK: 'SERVICES', SK: `SERVICE#${code}` }),
  serviceDefinitionPrefix: 'SERVICE#',
  pointsRule: (): Key => ({ PK: 'SERVICES', SK: 'POINTS_RULE' }),
  /** A service a member holds (one per service code). */
  memberService: (memberId: string, code: string): Key => ({ PK: `MEMBER#${memberId}`, SK: `SVC#${code}` }),
  memberServicePrefix: 'SVC#',
  /** A member's points balance. */
  pointsBalance: (memberId: string): Key => ({ PK: `MEMBER#${memberId}`, SK: 'POINTS' }),
  /** One movement of a member's points, by time (`ref` names the order or adjustment, so a retry cannot add it twice). */
  pointsEntry: (memberId: string, at: string, ref: string): Key => ({
    PK: `MEMBER#${memberId}`,
    SK: `PTS#${at}#${ref}`,
  }),
  pointsEntryPrefix: 'PTS#',
  /** An adjustment already made with this idempotency key. */
  pointsAdjustment: (memberId: string, idempotencyKey: string): Key => ({
    PK: `MEMBER#${memberId}`,
    SK: `PTSADJ#${idempotencyKey}`,
  }),

  // ---- company ---------------------------------------------------------------
  companySettings: (): Key => ({ PK: 'COMPANY', SK: 'SETTINGS' }),
  /** The company's mail settings: postal address, site, SES rate, partners' daily broadcast limit. */
  mailSettings: (): Key => ({ PK: 'COMPANY', SK: 'MAIL' }),
  market: (code: string): Key => ({ PK: 'COMPANY', SK: `MARKET#${code}` }),
  marketPrefix: 'MARKET#',

  pad,
} as const;
