import type { CasePriority, CaseSource, CaseStatus, CaseType, EntryKind } from '@arbor/shared/cases/model';
import { CASE_STATUSES, isActiveStatus } from '@arbor/shared/cases/model';
import type { Language } from '@arbor/shared/members/model';
import { keys } from '@arbor/shared/keys';
import { INDEX, indexKeys, type Index } from '@arbor/shared/table';
import {
  decodeCursor,
  encodeCursor,
  getItem,
  nextCounter,
  putItem,
  query,
  queryAll,
  queryCount,
  startKeyOf,
  stripKeys,
  transact,
  TransactionConditionError,
  txDelete,
  txPut,
  txUpdate,
  type Item,
  type Page,
  type StartKey,
  type TableWrite,
} from '../lib/db.js';

/**
 * Every table access of the case desk (docs/cases.md, docs/table-design.md):
 * a case (`CASE#<number>` / `CASE`) and its thread entries in one partition;
 * a deadline marker (`DUE`) while the case is active; the case in four lists
 * by creation time (status, assignee, all, member); a count per status moved
 * in the transaction of every change; a mark per request already made
 * (`CASEREQ#`), so a repeated create, note or reply makes nothing twice.
 */

export interface CaseRecord {
  number: number;
  subject: string;
  status: CaseStatus;
  priority: CasePriority;
  typeId: string;
  typeName: string;
  source: CaseSource;
  memberId: string | null;
  memberName: string | null;
  contactName: string | null;
  contactEmail: string | null;
  /** Public cases: the join site whose form it came from. */
  siteName: string | null;
  /** The language replies are written in (the member's, or the form's). */
  language: Language;
  assigneeId: string | null;
  assigneeName: string | null;
  deadline: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface EntryRecord {
  id: string;
  kind: EntryKind;
  at: string;
  actorId: string | null;
  actorName: string | null;
  body: string | null;
  from: string | null;
  to: string | null;
  emailTo: string | null;
}

/** A request already made: which case (and entry) it made, and a hash of what it asked, to tell a reused key. */
export interface RequestMark {
  number: number;
  entryId: string | null;
  requestHash: string;
}

const caseSortOf = (record: Pick<CaseRecord, 'createdAt' | 'number'>) => keys.caseSort(record.createdAt, record.number);

/** The case as stored, in its lists: status (GSI1), assignee (GSI2), all (GSI3), member (GSI4). */
export function caseItem(record: CaseRecord): Item {
  const sort = caseSortOf(record);
  return {
    ...keys.supportCase(record.number),
    entity: 'case',
    ...record,
    ...indexKeys(INDEX.casesByStatus, keys.casesByStatus(record.status), sort),
    ...(record.assigneeId ? indexKeys(INDEX.casesByAssignee, keys.casesByAssignee(record.assigneeId), sort) : {}),
    ...indexKeys(INDEX.allCases, keys.allCases, sort),
    ...(record.memberId ? indexKeys(INDEX.memberCases, keys.memberCases(record.memberId), sort) : {}),
  };
}

const dueItem = (record: CaseRecord): Item => ({
  ...keys.caseDue(record.number),
  entity: 'caseDue',
  number: record.number,
  status: record.status,
  deadline: record.deadline,
  ...indexKeys(INDEX.casesDue, keys.casesDue, keys.caseDueSort(record.deadline, record.number)),
});

/** Entries written together share their time: their place in the write (`seq`) keeps them in order. */
const entryItem = (number: number, entry: EntryRecord, seq: number): Item => ({
  ...keys.caseEntry(number, entry.at, `${seq}#${entry.id}`),
  entity: 'caseEntry',
  ...entry,
});

const countWrite = (status: CaseStatus, by: number): TableWrite =>
  txUpdate({
    Key: keys.caseStatusCount(status),
    UpdateExpression: 'ADD #count :by SET entity = :entity, #status = :status',
    ExpressionAttributeNames: { '#count': 'count', '#status': 'status' },
    ExpressionAttributeValues: { ':by': by, ':entity': 'caseCount', ':status': status },
  });

const requestWrite = (hash: string, mark: RequestMark): TableWrite =>
  txPut({
    Item: { ...keys.caseRequest(hash), entity: 'caseRequest', ...mark },
    ConditionExpression: 'attribute_not_exists(PK)',
  });

/** Reserves the next case number (from 1001): short numbers a member can read over the phone. */
export const nextCaseNumber = async () => Number(await nextCounter('CASE', 1000));

export async function getCaseRequest(hash: string): Promise<RequestMark | null> {
  const item = await getItem(keys.caseRequest(hash), { ConsistentRead: true });
  return item ? stripKeys<RequestMark>(item) : null;
}

/**
 * A new case with its first entries, its request mark, its count and its
 * deadline marker, in one transaction with the caller's writes (the member's
 * log). `duplicate` when the request mark exists: the same request made it before.
 */
export async function insertCase(
  record: CaseRecord,
  entries: EntryRecord[],
  request: { hash: string; requestHash: string },
  extra: TableWrite[] = [],
): Promise<'created' | 'duplicate'> {
  try {
    await transact([
      requestWrite(request.hash, { number: record.number, entryId: null, requestHash: request.requestHash }),
      txPut({ Item: caseItem(record), ConditionExpression: 'attribute_not_exists(PK)' }),
      countWrite(record.status, 1),
      ...(isActiveStatus(record.status) ? [txPut({ Item: dueItem(record) })] : []),
      ...entries.map((entry, seq) => txPut({ Item: entryItem(record.number, entry, seq) })),
      ...extra,
    ]);
    return 'created';
  } catch (error) {
    if (error instanceof TransactionConditionError && error.failedIndexes.includes(0)) return 'duplicate';
    throw error;
  }
}

/**
 * A case's new version (if it is still the version read) with its new
 * entries, moved counts and deadline marker, the request's mark (a note or a
 * reply) and the caller's writes, in one transaction.
 */
export async function saveCase(
  previous: CaseRecord,
  next: CaseRecord,
  entries: EntryRecord[],
  request: { hash: string; requestHash: string; entryId: string } | null,
  extra: TableWrite[] = [],
): Promise<'saved' | 'duplicate' | 'stale'> {
  const writes: TableWrite[] = [];
  if (request) {
    writes.push(
      requestWrite(request.hash, { number: next.number, entryId: request.entryId, requestHash: request.requestHash }),
    );
  }
  const caseIndex = writes.length;
  writes.push(
    txPut({
      Item: caseItem(next),
      ConditionExpression: '#version = :version',
      ExpressionAttributeNames: { '#version': 'version' },
      ExpressionAttributeValues: { ':version': previous.version },
    }),
  );
  if (previous.status !== next.status) writes.push(countWrite(previous.status, -1), countWrite(next.status, 1));
  if (isActiveStatus(next.status)) writes.push(txPut({ Item: dueItem(next) }));
  else if (isActiveStatus(previous.status)) writes.push(txDelete({ Key: keys.caseDue(next.number) }));
  writes.push(...entries.map((entry, seq) => txPut({ Item: entryItem(next.number, entry, seq) })), ...extra);
  try {
    await transact(writes);
    return 'saved';
  } catch (error) {
    if (error instanceof TransactionConditionError) {
      if (request && error.failedIndexes.includes(0)) return 'duplicate';
      if (error.failedIndexes.includes(caseIndex)) return 'stale';
    }
    throw error;
  }
}

export async function getCase(number: number): Promise<CaseRecord | null> {
  const item = await getItem(keys.supportCase(number), { ConsistentRead: true });
  return item ? stripKeys<CaseRecord>(item) : null;
}

/** A case and its thread, oldest entry first: one Query of its partition. */
export async function readCase(number: number): Promise<{ record: CaseRecord; entries: EntryRecord[] } | null> {
  const items = await queryAll({ pk: keys.casePartition(number), ConsistentRead: true });
  const caseItemFound = items.find((item) => item.SK === keys.supportCase(number).SK);
  if (!caseItemFound) return null;
  const entries = items
    .filter((item) => typeof item.SK === 'string' && item.SK.startsWith(keys.caseEntryPrefix))
    .map((item) => stripKeys<EntryRecord & { number?: number }>(item))
    .map(({ id, kind, at, actorId, actorName, body, from, to, emailTo }) => ({
      id,
      kind,
      at,
      actorId,
      actorName,
      body,
      from,
      to,
      emailTo,
    }));
  return { record: stripKeys<CaseRecord>(caseItemFound), entries };
}

/** Which list a page of cases is read from. */
export type CaseList =
  | { by: 'status'; status: CaseStatus }
  | { by: 'assignee'; assigneeId: string }
  | { by: 'member'; memberId: string }
  | { by: 'all' };

const listSource = (list: CaseList): { index: Index; pk: string } => {
  switch (list.by) {
    case 'status':
      return { index: INDEX.casesByStatus, pk: keys.casesByStatus(list.status) };
    case 'assignee':
      return { index: INDEX.casesByAssignee, pk: keys.casesByAssignee(list.assigneeId) };
    case 'member':
      return { index: INDEX.memberCases, pk: keys.memberCases(list.memberId) };
    case 'all':
      return { index: INDEX.allCases, pk: keys.allCases };
  }
};

export interface CasePageSpec {
  list: CaseList;
  /** Attribute equalities the list's partition does not already hold (type, priority, status...). */
  filters: Partial<Record<'status' | 'typeId' | 'priority' | 'assigneeId' | 'memberId', string>>;
  /** Created on or after / on or before these days (YYYY-MM-DD, UTC). */
  from?: string;
  to?: string;
  newestFirst: boolean;
  limit: number;
  cursor?: string;
}

/** Reads of a filtered page before it answers with what it found (and a cursor to go on). */
const MAX_READS = 8;

/**
 * A page of one case list, narrowed by creation dates on the sort key and
 * by the other filters in the Query's filter. A filtered read can return
 * fewer items than asked, so the list reads on until the page is full (at
 * most MAX_READS reads); the cursor is where the page's last case sits.
 */
export async function listCasesPage(spec: CasePageSpec): Promise<Page<CaseRecord>> {
  const { index, pk } = listSource(spec.list);
  const lower = spec.from ? `${spec.from}T` : '0';
  const upper = spec.to ? `${spec.to}T~` : '~';
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const conditions: string[] = [];
  for (const [name, value] of Object.entries(spec.filters)) {
    if (value === undefined) continue;
    names[`#${name}`] = name;
    values[`:${name}`] = name === 'number' ? Number(value) : value;
    conditions.push(`#${name} = :${name}`);
  }
  const found: Item[] = [];
  let start: StartKey | undefined = decodeCursor(spec.cursor);
  let reads = 0;
  do {
    const page = await query(
      {
        index,
        pk,
        sk: { between: [lower, upper] },
        ScanIndexForward: !spec.newestFirst,
        Limit: conditions.length > 0 ? Math.max(spec.limit * 2, 50) : spec.limit + 1,
        ...(conditions.length > 0
          ? {
              FilterExpression: conditions.join(' AND '),
              ExpressionAttributeNames: names,
              ExpressionAttributeValues: values,
            }
          : {}),
      },
      start,
    );
    found.push(...page.items);
    start = page.lastKey;
    reads++;
  } while (start && found.length <= spec.limit && reads < MAX_READS);

  if (found.length > spec.limit) {
    const items = found.slice(0, spec.limit);
    return {
      items: items.map((item) => stripKeys<CaseRecord>(item)),
      cursor: encodeCursor(startKeyOf(items.at(-1)!, index)),
    };
  }
  return { items: found.map((item) => stripKeys<CaseRecord>(item)), cursor: encodeCursor(start) };
}

/** How many cases are in each status (the counts the changes keep). */
export async function statusCounts(): Promise<Record<CaseStatus, number>> {
  const items = await queryAll({ pk: keys.caseStatsPartition, ConsistentRead: true });
  const counts = Object.fromEntries(CASE_STATUSES.map((status) => [status, 0])) as Record<CaseStatus, number>;
  for (const item of items) counts[item.status as CaseStatus] = Number(item.count ?? 0);
  return counts;
}

/** Active cases whose deadline falls between two instants (ISO; `from` included, `to` excluded). */
export const countActiveDue = (from: string, to: string) =>
  queryCount({ index: INDEX.casesDue, pk: keys.casesDue, sk: { between: [from, `${to}#`] } });

// ---- case types ---------------------------------------------------------------------------------------------------

const caseTypeItem = (type: CaseType): Item => ({
  ...keys.caseType(type.id),
  entity: 'caseType',
  ...type,
  ...indexKeys(INDEX.caseTypes, keys.caseTypesIndex, type.id),
});

export async function getCaseType(id: string): Promise<CaseType | null> {
  const item = await getItem(keys.caseType(id));
  return item ? stripKeys<CaseType>(item) : null;
}

/** Every case type the admin made, by id (a company has tens). */
export async function listCaseTypes(): Promise<CaseType[]> {
  const items = await queryAll({ index: INDEX.caseTypes, pk: keys.caseTypesIndex });
  return items.map((item) => stripKeys<CaseType>(item));
}

export const putCaseType = (type: CaseType) => putItem({ Item: caseTypeItem(type) });
