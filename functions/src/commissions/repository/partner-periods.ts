import type { PartnerPeriod, Period } from '@arbor/shared/commissions/records';
import { keys } from '@arbor/shared/keys';
import { INDEX, indexKeys } from '@arbor/shared/table';
import { bulkPut } from '../../lib/bulk.js';
import { getItem, query, queryAll, stripKeys, type Item } from '../../lib/db.js';

/**
 * One partner's results for one period (`MEMBER#<id>` / `COMMISSION#<period>`:
 * volumes, rank, legs, totals and the lines), with the run that wrote them;
 * those with a total other than zero are listed under the period (GSI2
 * `EARNINGS#<period>`) for the payout.
 */
export type StoredPartnerPeriod = PartnerPeriod & { runId: string };

export function partnerPeriodItem(record: PartnerPeriod, runId: string): Item {
  return {
    ...keys.partnerPeriod(record.memberId, record.periodId),
    entity: 'partnerPeriod',
    runId,
    ...record,
    ...(record.total !== 0 ? indexKeys(INDEX.earnings, keys.earnings(record.periodId), record.memberId) : {}),
  };
}

/** Writes a run's results (writing the same run again writes the same items). */
export async function putPartnerPeriods(records: readonly PartnerPeriod[], runId: string): Promise<void> {
  await bulkPut(records.map((record) => partnerPeriodItem(record, runId)));
}

export async function getPartnerPeriod(memberId: string, periodId: string): Promise<StoredPartnerPeriod | null> {
  const item = await getItem(keys.partnerPeriod(memberId, periodId));
  return item ? stripKeys<StoredPartnerPeriod>(item) : null;
}

/** A partner's results of every period, newest first, without their lines and legs. */
export async function partnerPeriodSummaries(memberId: string): Promise<StoredPartnerPeriod[]> {
  const { items } = await query({
    pk: keys.memberPartition(memberId),
    sk: { beginsWith: keys.partnerPeriodPrefix },
    ScanIndexForward: false,
    ProjectionExpression:
      'periodId, runId, pv, gv, active, paidRank, highestRank, previousHighestRank, activeEnrolled, #total, byBonus, lineCount',
    ExpressionAttributeNames: { '#total': 'total' },
  });
  return items as unknown as StoredPartnerPeriod[];
}

/** The legs of a partner's results, newest period first (periods of this millennium: IDs start with 2). */
export async function partnerPeriodLegs(memberId: string): Promise<Pick<PartnerPeriod, 'periodId' | 'legs'>[]> {
  const { items } = await query({
    pk: keys.memberPartition(memberId),
    sk: { beginsWith: keys.partnerPeriodsFrom('2') },
    ScanIndexForward: false,
    ProjectionExpression: 'periodId, legs',
  });
  return items as unknown as Pick<PartnerPeriod, 'periodId' | 'legs'>[];
}

/** Who earned something in the period's current run, and how much (GSI2, filtered on the run). */
export async function earnersOf(period: Pick<Period, 'id' | 'runId'>): Promise<{ memberId: string; total: number }[]> {
  const items = await queryAll({
    index: INDEX.earnings,
    pk: keys.earnings(period.id),
    FilterExpression: 'runId = :run',
    ProjectionExpression: 'memberId, #total',
    ExpressionAttributeNames: { '#total': 'total' },
    ExpressionAttributeValues: { ':run': period.runId },
  });
  return items.map((i) => ({ memberId: i.memberId as string, total: i.total as number }));
}
