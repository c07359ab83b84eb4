import { PlanRecord } from '@arbor/shared/commissions/records';
import { keys } from '@arbor/shared/keys';
import { INDEX, indexKeys } from '@arbor/shared/table';
import {
  conditionally,
  getItem,
  putItem,
  queryAll,
  stripKeys,
  transact,
  TransactionConditionError,
  txPut,
  type Item,
} from '../../lib/db.js';

/** Plan versions (`PLAN#<id>`, listed under GSI1 `PLANS`) and the pointer to the active one (`COMPANY` / `ACTIVE_PLAN`). */

export function planItem(plan: PlanRecord): Item {
  return {
    ...keys.plan(plan.id),
    entity: 'plan',
    ...indexKeys(INDEX.plans, keys.plansIndex, keys.planSort(plan.createdAt, plan.id)),
    ...plan,
  };
}

/** The pointer that makes a plan the one in force. */
export const activePlanItem = (planId: string, at: string): Item => ({
  ...keys.activePlan(),
  entity: 'activePlan',
  planId,
  at,
});

export async function getPlan(id: string): Promise<PlanRecord | null> {
  const item = await getItem(keys.plan(id), { ConsistentRead: true });
  return item ? PlanRecord.parse(stripKeys(item)) : null;
}

/** Every plan version, newest first. */
export async function listPlans(): Promise<PlanRecord[]> {
  const items = await queryAll({ index: INDEX.plans, pk: keys.plansIndex, ScanIndexForward: false });
  return items.map((item) => PlanRecord.parse(stripKeys(item)));
}

/** The ID of the active plan, or null before an admin ever activated one. */
export async function activePlanId(): Promise<string | null> {
  const pointer = await getItem(keys.activePlan(), { ConsistentRead: true });
  return (pointer?.planId as string | undefined) ?? null;
}

export async function insertPlan(plan: PlanRecord): Promise<void> {
  await putItem({ Item: planItem(plan), ConditionExpression: 'attribute_not_exists(PK)' });
}

/** Writes a new version of a plan over `expectedVersion`: false when someone else changed it meanwhile. */
export const replacePlan = (plan: PlanRecord, expectedVersion: number) =>
  conditionally(
    putItem({
      Item: planItem(plan),
      ConditionExpression: 'version = :v',
      ExpressionAttributeValues: { ':v': expectedVersion },
    }),
  );

/**
 * In one transaction: `activated` replaces its draft (still at
 * `expectedVersion`), `retired` (the plan in force before, if any) is written
 * retired, and the pointer moves. False when the draft changed meanwhile.
 */
export async function switchActivePlan(
  activated: PlanRecord,
  expectedVersion: number,
  retired: PlanRecord | null,
  at: string,
): Promise<boolean> {
  try {
    await transact([
      txPut({
        Item: planItem(activated),
        ConditionExpression: 'version = :v',
        ExpressionAttributeValues: { ':v': expectedVersion },
      }),
      ...(retired ? [txPut({ Item: planItem(retired) })] : []),
      txPut({ Item: activePlanItem(activated.id, at) }),
    ]);
    return true;
  } catch (error) {
    if (error instanceof TransactionConditionError) return false;
    throw error;
  }
}
