/**
 * The one table's physical shape, shared by the CDK stack and the local runtime
 * so both create exactly the same table. Keys are generic (PK/SK, GSIn) and
 * overloaded; `keys.ts` owns what goes into them, `INDEX` says which index each
 * access pattern reads. No other file names an index or its key attributes.
 */
export const TABLE_KEY = { partitionKey: 'PK', sortKey: 'SK' } as const;

export interface GsiDefinition {
  indexName: string;
  partitionKey: string;
  sortKey: string;
}

/** Children and lists by a parent: sponsor children, sessions, a member's orders, products, plans, periods, smart orders due, API keys, webhook endpoints. */
const GSI1 = { indexName: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' } as const;
/** Second parent view: placement children, orders by status, partners paid in a period. */
const GSI2 = { indexName: 'GSI2', partitionKey: 'GSI2PK', sortKey: 'GSI2SK' } as const;
/** Time-ordered feeds: members by name, downline by join date, every order, volume by month. */
const GSI3 = { indexName: 'GSI3', partitionKey: 'GSI3PK', sortKey: 'GSI3SK' } as const;
/** Sparse: all members in shards, downline entries by last rank change, orders with a refund. */
const GSI4 = { indexName: 'GSI4', partitionKey: 'GSI4PK', sortKey: 'GSI4SK' } as const;

export const GSIS = [GSI1, GSI2, GSI3, GSI4] as const satisfies readonly GsiDefinition[];

export type GsiName = (typeof GSIS)[number]['indexName'];
export type Index = (typeof GSIS)[number];

/**
 * The index each access pattern queries, by the name of its partition builder
 * in `keys.ts` (docs/table-design.md lists them with their sort keys). Item
 * builders put their index keys with `indexKeys(INDEX.x, …)` and queries read
 * `INDEX.x`, so an item and the query that finds it cannot name different indexes.
 */
export const INDEX = {
  sponsorChildren: GSI1,
  memberSessions: GSI1,
  memberOrders: GSI1,
  catalog: GSI1,
  plans: GSI1,
  periods: GSI1,
  autoshipsDue: GSI1,
  placementChildren: GSI2,
  ordersByStatus: GSI2,
  earnings: GSI2,
  memberNames: GSI3,
  downlineByJoin: GSI3,
  allOrders: GSI3,
  volumeByMonth: GSI3,
  memberShards: GSI4,
  downlineByRankChange: GSI4,
  returnedOrders: GSI4,
  apiKeys: GSI1,
  webhooks: GSI1,
  emailTemplates: GSI1,
  senderBroadcasts: GSI1,
  broadcastsDue: GSI2,
  news: GSI1,
  memberNotes: GSI1,
  casesByStatus: GSI1,
  caseTypes: GSI1,
  casesByAssignee: GSI2,
  casesDue: GSI2,
  allCases: GSI3,
  memberCases: GSI4,
  memberCalls: GSI1,
  callsByMonth: GSI3,
} as const satisfies Record<string, Index>;

/** The attributes that put an item into `index`, under partition `pk`, sorted by `sk`. */
export const indexKeys = (index: Index, pk: string, sk: string): Record<string, string> => ({
  [index.partitionKey]: pk,
  [index.sortKey]: sk,
});

/** Every key attribute an item may carry: the table's and each index's. */
export const KEY_ATTRIBUTES: readonly string[] = [
  TABLE_KEY.partitionKey,
  TABLE_KEY.sortKey,
  ...GSIS.flatMap((gsi) => [gsi.partitionKey, gsi.sortKey]),
];

/** Items with this attribute (epoch seconds) expire: sessions, reset tokens, login history. */
export const TTL_ATTRIBUTE = 'expiresAtEpoch';
