import { randomUUID } from 'node:crypto';
import { DEFAULT_PLAN, PlanSchema, type Plan } from '@arbor/shared/commissions/plan';
import type { PlanRecord } from '@arbor/shared/commissions/records';
import { ConflictError, RuleError, ValidationError, type ErrorDetail } from '@arbor/shared/errors';
import { activePlanId, getPlan, insertPlan, replacePlan, switchActivePlan } from './repository/plans.js';

export { getPlan, listPlans } from './repository/plans.js';

export const DEFAULT_PLAN_ID = 'default';

const planChanged = () => new ConflictError('Someone else changed this plan. Reload it.', 'version_conflict');

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

/** The plan in force: the active one (the default plan until an admin activates another). */
export async function activePlan(): Promise<PlanRecord> {
  const id = await activePlanId();
  const plan = id ? await getPlan(id) : null;
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
  await insertPlan(plan);
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
  if (!(await replacePlan(next, version))) throw planChanged();
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
  const retired =
    current.id !== plan.id && current.status === 'active'
      ? { ...current, status: 'retired' as const, retiredAt: now, updatedAt: now, version: current.version + 1 }
      : null;
  if (!(await switchActivePlan(activated, plan.version, retired, now))) throw planChanged();
  return activated;
}
