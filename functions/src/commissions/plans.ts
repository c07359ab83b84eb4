import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { DEFAULT_PLAN, PlanSchema, type Plan } from '@arbor/shared/commissions/plan';
import { PlanRecord } from '@arbor/shared/commissions/records';
import { ConflictError, RuleError, ValidationError, type ErrorDetail } from '@arbor/shared/errors';
import { keys } from '@arbor/shared/keys';
import { db } from '../lib/aws.js';
import { env } from '../lib/env.js';
import { isConditionFailure, stripKeys, transact, TransactionConditionError, type Item } from '../lib/db.js';

export const DEFAULT_PLAN_ID = 'default';

export function planItem(plan: PlanRecord): Item {
  return {
    ...keys.plan(plan.id),
    entity: 'plan',
    GSI1PK: keys.plansIndex,
    GSI1SK: `${plan.createdAt}#${plan.id}`,
    ...plan,
  };
}

/** The default plan as the seed stores it: active from the start. */
export function defaultPlanRecord(now: string): PlanRecord {
  return {
    id: DEFAULT_PLAN_ID,
    name: 'Default plan',
    status: 'active',
    document: DEFAULT_PLAN,
    createdAt: now,
    updatedAt: now,
    activatedAt: now,
    retiredAt: null,
    version: 1,
  };
}

/** Validates a plan document, errors naming the path (`body.document.ranks.2.gv`). */
export function parsePlanDocument(document: unknown): Plan {
  const parsed = PlanSchema.safeParse(document);
  if (parsed.success) return parsed.data;
  const details: ErrorDetail[] = parsed.error.issues.map((issue) => {
    const field = ['body', 'document', ...issue.path.map(String)].join('.');
    return { field, rule: issue.code, message: `${field}: ${issue.message}` };
  });
  throw new ValidationError(`The plan does not fit the schema: ${details.map((d) => d.message).join('; ')}`, details);
}

export async function getPlan(id: string): Promise<PlanRecord | null> {
  const result = await db().send(
    new GetCommand({ TableName: env.tableName(), Key: keys.plan(id), ConsistentRead: true }),
  );
  return result.Item ? PlanRecord.parse(stripKeys(result.Item)) : null;
}

export async function listPlans(): Promise<PlanRecord[]> {
  const result = await db().send(
    new QueryCommand({
      TableName: env.tableName(),
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.plansIndex },
      ScanIndexForward: false,
    }),
  );
  return (result.Items ?? []).map((item) => PlanRecord.parse(stripKeys(item)));
}

/** The plan in force: the active one (the default plan until an admin activates another). */
export async function activePlan(): Promise<PlanRecord> {
  const pointer = await db().send(
    new GetCommand({ TableName: env.tableName(), Key: keys.activePlan(), ConsistentRead: true }),
  );
  const plan = pointer.Item ? await getPlan(pointer.Item.planId as string) : null;
  return plan ?? defaultPlanRecord(new Date(0).toISOString());
}

export async function createDraft(name: string, document: unknown, notes?: string): Promise<PlanRecord> {
  const now = new Date().toISOString();
  const plan: PlanRecord = {
    id: randomUUID(),
    name,
    status: 'draft',
    document: parsePlanDocument(document),
    ...(notes ? { notes } : {}),
    createdAt: now,
    updatedAt: now,
    activatedAt: null,
    retiredAt: null,
    version: 1,
  };
  await db().send(
    new PutCommand({
      TableName: env.tableName(),
      Item: planItem(plan),
      ConditionExpression: 'attribute_not_exists(PK)',
    }),
  );
  return plan;
}

/** Only drafts change; an active or retired plan is history and stays as it was used. */
export async function updateDraft(
  plan: PlanRecord,
  changes: { name: string; document: unknown; notes?: string | undefined },
  version: number,
) {
  if (plan.status !== 'draft')
    throw new RuleError('plan_not_draft', 'Only a draft plan can be edited; copy it into a new draft.');
  const next: PlanRecord = {
    ...plan,
    name: changes.name,
    document: parsePlanDocument(changes.document),
    ...(changes.notes !== undefined ? { notes: changes.notes } : {}),
    updatedAt: new Date().toISOString(),
    version: version + 1,
  };
  try {
    await db().send(
      new PutCommand({
        TableName: env.tableName(),
        Item: planItem(next),
        ConditionExpression: 'version = :v',
        ExpressionAttributeValues: { ':v': version },
      }),
    );
  } catch (error) {
    if (isConditionFailure(error))
      throw new ConflictError('Someone else changed this plan. Reload it.', 'version_conflict');
    throw error;
  }
  return next;
}

/** Makes a draft the active plan and retires the one before, in one transaction. */
export async function activatePlan(plan: PlanRecord): Promise<PlanRecord> {
  if (plan.status !== 'draft') throw new RuleError('plan_not_draft', 'Only a draft plan can be activated.');
  const current = await activePlan();
  const now = new Date().toISOString();
  const activated: PlanRecord = {
    ...plan,
    status: 'active',
    activatedAt: now,
    updatedAt: now,
    version: plan.version + 1,
  };
  const table = env.tableName();
  try {
    await transact([
      {
        Put: {
          TableName: table,
          Item: planItem(activated),
          ConditionExpression: 'version = :v',
          ExpressionAttributeValues: { ':v': plan.version },
        },
      },
      ...(current.id !== plan.id && current.status === 'active'
        ? [
            {
              Put: {
                TableName: table,
                Item: planItem({
                  ...current,
                  status: 'retired' as const,
                  retiredAt: now,
                  updatedAt: now,
                  version: current.version + 1,
                }),
              },
            },
          ]
        : []),
      { Put: { TableName: table, Item: { ...keys.activePlan(), entity: 'activePlan', planId: plan.id, at: now } } },
    ]);
  } catch (error) {
    if (error instanceof TransactionConditionError)
      throw new ConflictError('Someone else changed this plan. Reload it.', 'version_conflict');
    throw error;
  }
  return activated;
}
