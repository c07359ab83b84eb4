import { RuleError, staleVersionError } from '@arbor/shared/errors';
import type { PointsRule, PointsRuleInput, ServiceDefinition, ServiceInput } from '@arbor/shared/services/model';
import { getProduct } from '../catalog/repository.js';
import {
  getPointsRuleNow,
  getServiceDefinition,
  listServiceDefinitions,
  putPointsRule,
  putServiceDefinition,
} from './repository.js';

/** The catalog as a member reads it (active services) or staff (all of them). */
export async function servicesCatalog(staff: boolean) {
  const [services, pointsRule] = await Promise.all([listServiceDefinitions(), getPointsRuleNow()]);
  return { items: staff ? services : services.filter((s) => s.active), pointsRule };
}

/**
 * Creates a service (no version) or replaces the version read. Each tier's
 * SKU must be a catalog product, and a SKU renews one service only: a paid
 * order must know what it renews.
 */
export async function putService(
  code: string,
  input: ServiceInput & { version?: number | undefined },
  now = new Date(),
): Promise<ServiceDefinition> {
  const [existing, all, products] = await Promise.all([
    getServiceDefinition(code),
    listServiceDefinitions(),
    Promise.all(input.tiers.map((tier) => getProduct(tier.sku))),
  ]);
  const problems = input.tiers.flatMap((tier, index) => {
    const field = `body.tiers.${index}.sku`;
    if (!products[index]) return [{ field, rule: 'unknown_sku', message: `${field}: no product ${tier.sku}` }];
    const other = all.find((s) => s.code !== code && s.tiers.some((t) => t.sku === tier.sku));
    return other
      ? [{ field, rule: 'sku_taken', message: `${field}: ${tier.sku} already renews the service ${other.code}` }]
      : [];
  });
  if (problems.length > 0) throw new RuleError('tiers_invalid', problems.map((p) => p.message).join('; '), problems);
  if (!existing && input.version !== undefined) throw staleVersionError('That service does not exist (yet).');
  if (existing && input.version === undefined) {
    throw staleVersionError(`The service ${code} exists: send the version you read to replace it.`);
  }
  const at = now.toISOString();
  const service: ServiceDefinition = {
    code,
    name: input.name,
    ...(input.description ? { description: input.description } : {}),
    term: input.term,
    tiers: input.tiers,
    active: input.active,
    createdAt: existing?.createdAt ?? at,
    updatedAt: at,
    version: (existing?.version ?? 0) + 1,
  };
  const saved = await putServiceDefinition(service, existing ? input.version! : null);
  if (!saved) throw staleVersionError('The service changed meanwhile. Reload it and try again.');
  return service;
}

export async function setPointsRule(input: PointsRuleInput & { version: number }, now = new Date()) {
  const rule: PointsRule = {
    enabled: input.enabled,
    earnPoints: input.earnPoints,
    earnPer: input.earnPer,
    pointValue: input.pointValue,
    updatedAt: now.toISOString(),
    version: input.version + 1,
  };
  if (!(await putPointsRule(rule, input.version))) {
    throw staleVersionError('The points rule changed meanwhile. Reload it and try again.');
  }
  return rule;
}
