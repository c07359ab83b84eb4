/**
 * The one table's physical shape, shared by the CDK stack and the local runtime
 * so both create exactly the same table. Keys are generic (PK/SK, GSIn) and
 * overloaded; `keys.ts` owns what goes into them.
 */
export const TABLE_KEY = { partitionKey: 'PK', sortKey: 'SK' } as const;

export interface GsiDefinition {
  indexName: string;
  partitionKey: string;
  sortKey: string;
}

export const GSIS = [
  /** Children and lists by a parent: sponsor children, sessions by member, orders by status. */
  { indexName: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
  /** Second parent view: placement children, members by market. */
  { indexName: 'GSI2', partitionKey: 'GSI2PK', sortKey: 'GSI2SK' },
  /** Time-ordered feeds: downline by join date; members by name for search. */
  { indexName: 'GSI3', partitionKey: 'GSI3PK', sortKey: 'GSI3SK' },
  /** Sparse: downline entries by the time their member's rank last changed. */
  { indexName: 'GSI4', partitionKey: 'GSI4PK', sortKey: 'GSI4SK' },
] as const satisfies readonly GsiDefinition[];

export type GsiName = (typeof GSIS)[number]['indexName'];

/** Items with this attribute (epoch seconds) expire: sessions, reset tokens, login history. */
export const TTL_ATTRIBUTE = 'expiresAtEpoch';
