import type { Mailability, ResolvedAudience } from '@arbor/shared/comms/audience';
import { mailabilityOf } from '@arbor/shared/comms/audience';
import { MailSettings, type EmailTemplate } from '@arbor/shared/comms/model';
import { keys, MEMBER_SHARDS } from '@arbor/shared/keys';
import type { Language } from '@arbor/shared/members/model';
import { INDEX, indexKeys } from '@arbor/shared/table';
import {
  conditionally,
  getItem,
  putItem,
  query,
  queryAll,
  queryPage,
  decodeCursor,
  encodeCursor,
  stripKeys,
  transact,
  TransactionConditionError,
  txPut,
  txUpdate,
  updateItem,
  type Item,
  type Page,
  type QuerySpec,
} from '../lib/db.js';
import type { BroadcastRecord, FanoutState, PendingPage } from './records.js';

/**
 * The communications store: email templates, broadcasts (with their fan-out
 * state, counters, chunk marks and the partners' daily quota), the mail
 * settings, and the audience reads a broadcast is resolved from (the
 * placement downline index, the customers' enroller entries, a sponsor's
 * enrollees, the company's member shards), each one Query per page.
 */

// ---- mail settings ------------------------------------------------------------------------------------------------

export async function getMailSettings(): Promise<Partial<MailSettings> | null> {
  const item = await getItem(keys.mailSettings());
  return item ? MailSettings.partial().parse(stripKeys(item)) : null;
}

export async function putMailSettings(settings: MailSettings, by: string): Promise<void> {
  await putItem({
    Item: {
      ...keys.mailSettings(),
      entity: 'mailSettings',
      ...settings,
      updatedBy: by,
      updatedAt: new Date().toISOString(),
    },
  });
}

// ---- templates ----------------------------------------------------------------------------------------------------

export const templateItem = (template: EmailTemplate): Item => ({
  ...keys.emailTemplate(template.id),
  entity: 'emailTemplate',
  ...template,
  ...indexKeys(INDEX.emailTemplates, keys.templatesIndex, `${template.name.toLowerCase()}#${template.id}`),
});

export async function getTemplate(id: string): Promise<EmailTemplate | null> {
  const item = await getItem(keys.emailTemplate(id));
  return item ? stripKeys<EmailTemplate>(item) : null;
}

/** Every template, by name (a company has tens of them). */
export async function listTemplates(): Promise<EmailTemplate[]> {
  return (await queryAll({ index: INDEX.emailTemplates, pk: keys.templatesIndex })).map((item) =>
    stripKeys<EmailTemplate>(item),
  );
}

export const insertTemplate = (template: EmailTemplate) =>
  putItem({ Item: templateItem(template), ConditionExpression: 'attribute_not_exists(PK)' });

/** Replaces a template on its version; false when someone saved it meanwhile. */
export const replaceTemplate = (template: EmailTemplate, expectedVersion: number) =>
  conditionally(
    putItem({
      Item: templateItem(template),
      ConditionExpression: 'version = :expected',
      ExpressionAttributeValues: { ':expected': expectedVersion },
    }),
  );

// ---- broadcasts ---------------------------------------------------------------------------------------------------

const COUNTERS = [
  'recipients',
  'optedOut',
  'excludedBounced',
  'noEmail',
  'queued',
  'sent',
  'suppressed',
  'bounced',
  'failed',
  'processed',
] as const;
export type Counter = (typeof COUNTERS)[number];
export type Counters = Record<Counter, number>;

export const zeroCounters = (): Counters => Object.fromEntries(COUNTERS.map((c) => [c, 0])) as Counters;

/** A broadcast as an item: its list (the sender's, or the announcements), and the due list while scheduled. */
function broadcastItem(record: BroadcastRecord): Item {
  const list = record.type === 'announcement' ? keys.announcementsIndex : keys.senderBroadcasts(record.senderId);
  return {
    ...keys.broadcast(record.id),
    entity: 'broadcast',
    ...record,
    ...indexKeys(INDEX.senderBroadcasts, list, keys.createdSort(record.createdAt, record.id)),
    ...(record.status === 'scheduled' || record.status === 'resolving'
      ? indexKeys(INDEX.broadcastsDue, keys.broadcastsDue, keys.broadcastDueSort(record.sendAt, record.id))
      : {}),
  };
}

const recordOf = (item: Item) => stripKeys<BroadcastRecord>(item);

export async function getBroadcast(
  id: string,
  options: { consistent?: boolean } = {},
): Promise<BroadcastRecord | null> {
  const item = await getItem(keys.broadcast(id), { ConsistentRead: options.consistent ?? false });
  return item ? recordOf(item) : null;
}

export type InsertOutcome = 'inserted' | 'exists' | 'over_quota';

/**
 * Writes a new broadcast, once: its id comes from the sender and the
 * idempotency key, so a repeat finds it (`exists`). A partner's broadcast
 * also takes one from its daily quota in the same transaction (`over_quota`
 * when the day's are used up); an announcement has no quota.
 */
export async function insertBroadcast(
  record: BroadcastRecord,
  quota?: { day: string; limit: number; expiresAtEpoch: number },
): Promise<InsertOutcome> {
  const writes = [txPut({ Item: broadcastItem(record), ConditionExpression: 'attribute_not_exists(PK)' })];
  if (quota) {
    writes.push(
      txUpdate({
        Key: keys.broadcastQuota(record.senderId, quota.day),
        UpdateExpression: 'ADD #count :one SET expiresAtEpoch = :expires',
        ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
        ExpressionAttributeNames: { '#count': 'count' },
        ExpressionAttributeValues: { ':one': 1, ':limit': quota.limit, ':expires': quota.expiresAtEpoch },
      }),
    );
  }
  try {
    await transact(writes);
    return 'inserted';
  } catch (error) {
    if (!(error instanceof TransactionConditionError)) throw error;
    return error.failedIndexes.includes(0) ? 'exists' : 'over_quota';
  }
}

/** Gives a canceled broadcast's quota back (the day's count never goes below zero). */
export const returnQuota = (senderId: string, day: string) =>
  conditionally(
    updateItem({
      Key: keys.broadcastQuota(senderId, day),
      UpdateExpression: 'ADD #count :minus',
      ConditionExpression: '#count > :zero',
      ExpressionAttributeNames: { '#count': 'count' },
      ExpressionAttributeValues: { ':minus': -1, ':zero': 0 },
    }),
  );

/** A page of a sender's broadcasts (or of the announcements), newest first. */
export async function listBroadcasts(
  list: { senderId: string } | 'announcements',
  limit: number,
  cursor?: string,
  status?: string,
): Promise<Page<BroadcastRecord>> {
  const page = await queryPage(
    {
      index: INDEX.senderBroadcasts,
      pk: list === 'announcements' ? keys.announcementsIndex : keys.senderBroadcasts(list.senderId),
      ScanIndexForward: false,
      Limit: limit,
      ...(status
        ? {
            FilterExpression: '#status = :status',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':status': status },
          }
        : {}),
    },
    cursor,
  );
  return { items: page.items.map(recordOf), cursor: page.cursor };
}

/** Scheduled broadcasts whose time has come (GSI2, sparse: only scheduled ones are in it). */
export async function dueBroadcasts(now: string, limit: number): Promise<{ id: string; sendAt: string }[]> {
  const { items } = await query({
    index: INDEX.broadcastsDue,
    pk: keys.broadcastsDue,
    sk: { between: ['0', `${now}#~`] },
    Limit: limit,
    ProjectionExpression: 'id, sendAt',
  });
  return items.map((item) => ({ id: item.id as string, sendAt: item.sendAt as string }));
}

/**
 * Moves a broadcast from one status to another (out of the due list, except
 * into `resolving`: a fan-out under way stays there, so the per-minute job
 * can find one whose worker died and have it taken over),
 * setting `at` fields; false when it is not in `from` any more (another
 * worker moved it, or the sender canceled it).
 */
export function moveBroadcast(
  id: string,
  from: readonly string[],
  to: string,
  set: Record<string, string> = {},
): Promise<boolean> {
  const names: Record<string, string> = { '#status': 'status' };
  const values: Record<string, unknown> = { ':to': to };
  const sets = ['#status = :to'];
  Object.entries(set).forEach(([name, value], i) => {
    names[`#s${i}`] = name;
    values[`:s${i}`] = value;
    sets.push(`#s${i} = :s${i}`);
  });
  from.forEach((status, i) => (values[`:from${i}`] = status));
  return conditionally(
    updateItem({
      Key: keys.broadcast(id),
      UpdateExpression:
        `SET ${sets.join(', ')}` +
        (to === 'resolving' ? '' : ` REMOVE ${INDEX.broadcastsDue.partitionKey}, ${INDEX.broadcastsDue.sortKey}`),
      ConditionExpression: `#status IN (${from.map((_, i) => `:from${i}`).join(', ')})`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    }),
  );
}

/** Saves the page a fan-out read as its pending page, if the fan-out is still at `step` with none pending. */
export const savePendingPage = (id: string, step: number, pending: PendingPage) =>
  conditionally(
    updateItem({
      Key: keys.broadcast(id),
      UpdateExpression: 'SET fanout.pending = :pending, fanoutAt = :at',
      ConditionExpression: 'fanout.step = :step AND attribute_not_exists(fanout.pending)',
      ExpressionAttributeValues: { ':pending': pending, ':step': step, ':at': new Date().toISOString() },
    }),
  );

/**
 * Records a page of the fan-out: the new state and the counts it added, only
 * if the state is still the one the page started from, so two copies of a
 * fan-out cannot both advance (the loser stops; its chunks were the same).
 */
export function advanceFanout(id: string, from: FanoutState, to: FanoutState, add: Partial<Counters>) {
  const adds = Object.entries(add).filter(([, n]) => n);
  const names: Record<string, string> = adds.length ? { '#counts': 'counts' } : {};
  const values: Record<string, unknown> = { ':to': to, ':fromStep': from.step, ':at': new Date().toISOString() };
  adds.forEach(([counter, n], i) => {
    names[`#c${i}`] = counter;
    values[`:c${i}`] = n;
  });
  return conditionally(
    updateItem({
      Key: keys.broadcast(id),
      UpdateExpression:
        `SET fanout = :to, fanoutAt = :at` + adds.map((_, i) => `, #counts.#c${i} = #counts.#c${i} + :c${i}`).join(''),
      ConditionExpression: 'fanout.step = :fromStep',
      ...(adds.length ? { ExpressionAttributeNames: names } : {}),
      ExpressionAttributeValues: values,
    }),
  );
}

/** Counters live in the broadcast's `counts` map (created with every counter at 0), added to with SET a = a + n. */

/**
 * Adds one chunk's outcomes to its broadcast, once: the chunk's mark is
 * written in the same transaction and may exist only once, so a retried
 * chunk (or a second copy of it) counts nothing twice. False when counted before.
 */
export async function countChunkOnce(id: string, chunk: number, add: Partial<Counters>): Promise<boolean> {
  const adds = Object.entries(add).filter(([, n]) => n);
  try {
    await transact([
      txPut({
        Item: { ...keys.broadcastChunk(id, chunk), entity: 'broadcastChunk', ...add, at: new Date().toISOString() },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
      txUpdate({
        Key: keys.broadcast(id),
        UpdateExpression: `SET ${adds.map((_, i) => `#counts.#c${i} = #counts.#c${i} + :c${i}`).join(', ')}`,
        ExpressionAttributeNames: {
          '#counts': 'counts',
          ...Object.fromEntries(adds.map(([counter], i) => [`#c${i}`, counter])),
        },
        ExpressionAttributeValues: Object.fromEntries(adds.map(([, n], i) => [`:c${i}`, n])),
      }),
    ]);
    return true;
  } catch (error) {
    if (error instanceof TransactionConditionError && error.failedIndexes.includes(0)) return false;
    throw error;
  }
}

/**
 * Counts the bounce or complaint SES reported for one of a broadcast's mails,
 * once per SES message (SNS may deliver the event twice): the mark and the
 * count go in one transaction. A broadcast that no longer exists counts nothing.
 */
export async function countBounceOnce(id: string, sesMessageId: string, n: number): Promise<void> {
  try {
    await transact([
      txPut({
        Item: { ...keys.broadcastBounce(id, sesMessageId), entity: 'broadcastBounce', at: new Date().toISOString() },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
      txUpdate({
        Key: keys.broadcast(id),
        UpdateExpression: 'SET #counts.#bounced = #counts.#bounced + :n',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeNames: { '#counts': 'counts', '#bounced': 'bounced' },
        ExpressionAttributeValues: { ':n': n },
      }),
    ]);
  } catch (error) {
    if (!(error instanceof TransactionConditionError)) throw error;
  }
}

/** Marks a broadcast sent once every queued mail was handled and the audience was fully read. */
export const finishIfDone = (id: string, at: string) =>
  conditionally(
    updateItem({
      Key: keys.broadcast(id),
      UpdateExpression: 'SET #status = :sent, finishedAt = :at',
      ConditionExpression: '#status = :sending AND #counts.#processed >= #counts.#queued',
      ExpressionAttributeNames: {
        '#status': 'status',
        '#counts': 'counts',
        '#processed': 'processed',
        '#queued': 'queued',
      },
      ExpressionAttributeValues: { ':sent': 'sent', ':sending': 'sending', ':at': at },
    }),
  );

// ---- audience reads -----------------------------------------------------------------------------------------------

/** One member an audience read found, with what the fan-out needs to count it. */
export interface AudienceMember {
  memberId: string;
  mail: Mailability;
  language?: Language;
}

/** Where an audience is read from, one source after another (the fan-out's `segment` indexes this list). */
export type AudienceSource =
  | { from: 'downline'; enrollerOnly: boolean }
  | { from: 'customers' }
  | { from: 'enrollees' }
  | { from: 'sponsor' }
  | { from: 'shard'; shard: number };

export function audienceSources(audience: ResolvedAudience): AudienceSource[] {
  switch (audience.scope) {
    case 'placement':
      return [{ from: 'downline', enrollerOnly: false }];
    case 'enroller':
      if (audience.enrollees === 'personal') return [{ from: 'enrollees' }];
      return [
        ...(audience.kinds.includes('partner') ? [{ from: 'downline', enrollerOnly: true } as const] : []),
        ...(audience.kinds.includes('customer') ? [{ from: 'customers' } as const] : []),
      ];
    case 'sponsor':
      return [{ from: 'sponsor' }];
    case 'company':
      return Array.from({ length: MEMBER_SHARDS }, (_, shard) => ({ from: 'shard', shard }) as const);
  }
}

/** The audience's filters as a DynamoDB filter over entries or profiles (the same test as `passesFilters`). */
function filterOf(audience: ResolvedAudience, source: AudienceSource) {
  const names: Record<string, string> = { '#status': 'status' };
  const values: Record<string, unknown> = {};
  const parts: string[] = [];
  const inList = (attribute: string, list: readonly string[], prefix: string) => {
    list.forEach((value, i) => (values[`:${prefix}${i}`] = value));
    return `${attribute} IN (${list.map((_, i) => `:${prefix}${i}`).join(', ')})`;
  };
  parts.push(inList('#status', audience.statuses, 'st'));
  if (source.from === 'enrollees' || source.from === 'shard') parts.push(inList('kind', audience.kinds, 'k'));
  if (audience.minRank !== undefined) {
    parts.push('paidRank >= :minRank');
    values[':minRank'] = audience.minRank;
  }
  if (audience.maxRank !== undefined) {
    parts.push('paidRank <= :maxRank');
    values[':maxRank'] = audience.maxRank;
  }
  if (audience.countries) {
    names['#market'] = 'market';
    parts.push(inList('#market', audience.countries, 'mk'));
  }
  if (source.from === 'downline' && source.enrollerOnly) {
    parts.push('enrollerLevel >= :one');
    values[':one'] = 1;
  }
  return { FilterExpression: parts.join(' AND '), ExpressionAttributeNames: names, ExpressionAttributeValues: values };
}

/** Entries carry their mailability; profiles (enrollees, shards) carry what it is computed from. */
const ENTRY_PROJECTION = 'memberId, #mail, #language';
const ENTRY_NAMES = { '#mail': 'mail', '#language': 'language' };
const PROFILE_PROJECTION = 'id, email, emailOptOut, emailSuppressed, #language';
const PROFILE_NAMES = { '#language': 'language' };

const fromEntry = (item: Item): AudienceMember => ({
  memberId: item.memberId as string,
  // An entry written before entries carried it: assume mailable; the send checks the profile anyway.
  mail: (item.mail as Mailability | undefined) ?? 'ok',
  ...(item.language ? { language: item.language as Language } : {}),
});

const fromProfile = (item: Item): AudienceMember => ({
  memberId: item.id as string,
  mail: mailabilityOf({
    email: item.email as string | undefined,
    emailOptOut: item.emailOptOut as boolean | undefined,
    emailSuppressed: item.emailSuppressed as string | undefined,
  }),
  ...(item.language ? { language: item.language as Language } : {}),
});

/**
 * One page of an audience source, from `cursor` (null: from the start): up to
 * `limit` entries read (fewer pass the filter). The next cursor is null at the
 * end of the source.
 */
export async function audiencePage(
  senderId: string,
  audience: ResolvedAudience,
  source: AudienceSource,
  cursor: string | null,
  limit: number,
): Promise<Page<AudienceMember>> {
  if (source.from === 'sponsor') throw new Error('the sponsor is one read (getMember), not an audience page');
  const filter = filterOf(audience, source);
  let spec: QuerySpec;
  let read: (item: Item) => AudienceMember;
  let projected: Record<string, string>;
  if (source.from === 'downline') {
    const { from, to } = audience.levels;
    spec = {
      pk: keys.downlinePartition(senderId),
      sk:
        to === undefined
          ? { atLeast: keys.downlineLevelPrefix(from) }
          : { between: [keys.downlineLevelPrefix(from), `${keys.downlineLevelPrefix(to)}~`] },
      ProjectionExpression: ENTRY_PROJECTION,
    };
    [read, projected] = [fromEntry, ENTRY_NAMES];
  } else if (source.from === 'customers') {
    spec = { pk: keys.customersPartition(senderId), ProjectionExpression: ENTRY_PROJECTION };
    [read, projected] = [fromEntry, ENTRY_NAMES];
  } else if (source.from === 'enrollees') {
    spec = {
      index: INDEX.sponsorChildren,
      pk: keys.sponsorChildren(senderId),
      ProjectionExpression: PROFILE_PROJECTION,
    };
    [read, projected] = [fromProfile, PROFILE_NAMES];
  } else {
    spec = { index: INDEX.memberShards, pk: keys.memberShard(source.shard), ProjectionExpression: PROFILE_PROJECTION };
    [read, projected] = [fromProfile, PROFILE_NAMES];
  }
  const { items, lastKey } = await query(
    {
      ...spec,
      Limit: limit,
      FilterExpression: filter.FilterExpression,
      ExpressionAttributeNames: { ...filter.ExpressionAttributeNames, ...projected },
      ExpressionAttributeValues: filter.ExpressionAttributeValues,
    },
    decodeCursor(cursor ?? undefined),
  );
  return { items: items.map(read), cursor: encodeCursor(lastKey) };
}
