import { NotFoundError, RuleError, staleVersionError } from '@arbor/shared/errors';
import type { Member } from '@arbor/shared/members/model';
import {
  expiresOn,
  statusOn,
  type MemberService,
  type MemberServiceView,
  type ServiceAction,
  type ServiceDefinition,
} from '@arbor/shared/services/model';
import { getAutoship } from '../autoship/repository.js';
import { memberLogWrite } from '../members/repository.js';
import {
  getMemberService,
  getServiceDefinition,
  listMemberServices,
  listServiceDefinitions,
  saveMemberService,
} from './repository.js';

/** A calendar date (UTC) of a moment: services start and expire on dates. */
export const dateOf = (now: Date) => now.toISOString().slice(0, 10);

export function serviceView(
  service: MemberService,
  definition: ServiceDefinition | undefined,
  today: string,
): MemberServiceView {
  const tier = definition?.tiers.find((t) => t.code === service.tier);
  const fallback = { en: service.code, es: service.code };
  return {
    ...service,
    status: statusOn(service, today),
    expiresOn: expiresOn(service),
    name: definition?.name ?? fallback,
    tierName: tier?.name ?? { en: service.tier, es: service.tier },
  };
}

/** The services a member holds, with expiry and status as of now. */
export async function memberServicesView(memberId: string, now = new Date()): Promise<MemberServiceView[]> {
  const [held, catalog] = await Promise.all([listMemberServices(memberId), listServiceDefinitions()]);
  const byCode = new Map(catalog.map((d) => [d.code, d]));
  return held.map((service) => serviceView(service, byCode.get(service.code), dateOf(now)));
}

const refuse = (code: string, message: string, field = 'body.action') =>
  new RuleError(code, message, [{ field, rule: code, message: `${field}: ${message}` }]);

function tierOf(definition: ServiceDefinition, code: string) {
  const index = definition.tiers.findIndex((t) => t.code === code);
  if (index < 0) throw refuse('unknown_tier', `${definition.code} has no tier ${code}`, 'body.tier');
  return { tier: definition.tiers[index]!, index };
}

type Change = { next: MemberService; detail: Record<string, unknown> };

/** A held service after an action (pure but for the checks); refuses what the service's state does not allow. */
function applyAction(
  definition: ServiceDefinition,
  current: MemberService,
  action: Exclude<ServiceAction, { action: 'activate' }>,
  today: string,
  at: string,
): Change {
  const status = statusOn(current, today);
  const base = { ...current, updatedAt: at, version: current.version + 1 };
  if (status === 'canceled' && action.action !== 'cancel') {
    throw refuse('service_canceled', 'the service is canceled: activate it again first');
  }
  switch (action.action) {
    case 'renew': {
      // An expired service starts a new term today; a live one gets one more term after its expiry.
      const next =
        status === 'expired' ? { ...base, startedOn: today, terms: 1 } : { ...base, terms: current.terms + 1 };
      return { next, detail: { expiresOn: { from: expiresOn(current), to: expiresOn(next) } } };
    }
    case 'reload': {
      if (status !== 'active')
        throw refuse('service_not_active', `the service is ${status}: only an active one reloads`);
      const next = { ...base, credits: current.credits + action.credits };
      return { next, detail: { credits: { from: current.credits, to: next.credits } } };
    }
    case 'suspend': {
      if (status !== 'active') throw refuse('invalid_transition', `a service that is ${status} cannot be suspended`);
      return { next: { ...base, status: 'suspended' }, detail: { status: { from: status, to: 'suspended' } } };
    }
    case 'cancel': {
      if (status === 'canceled') throw refuse('invalid_transition', 'the service is canceled already');
      return { next: { ...base, status: 'canceled' }, detail: { status: { from: status, to: 'canceled' } } };
    }
    case 'downgrade':
    case 'upgrade': {
      const from = tierOf(definition, current.tier);
      const to = tierOf(definition, action.tier);
      const lower = action.action === 'downgrade';
      if (lower ? to.index >= from.index : to.index <= from.index) {
        throw refuse(
          lower ? 'tier_not_lower' : 'tier_not_higher',
          `${to.tier.code} is not ${lower ? 'below' : 'above'} ${from.tier.code}`,
          'body.tier',
        );
      }
      return {
        next: { ...base, tier: to.tier.code, tierSku: to.tier.sku },
        detail: { tier: { from: from.tier.code, to: to.tier.code } },
      };
    }
  }
}

/**
 * Activates a service: a first activation starts a term today with the
 * tier's credits; a suspended one resumes; a canceled or expired one starts
 * a new term today. No charge (docs/services.md).
 */
async function activation(
  member: Member,
  definition: ServiceDefinition,
  current: MemberService | null,
  action: Extract<ServiceAction, { action: 'activate' }>,
  today: string,
  at: string,
): Promise<Change> {
  if (!definition.active) throw refuse('service_inactive', `${definition.code} is not offered any more`);
  const { tier } = tierOf(definition, action.tier);
  if (action.autoshipId && !(await getAutoship(member.id, action.autoshipId))) {
    throw refuse('unknown_autoship', `the member has no smart order ${action.autoshipId}`, 'body.autoshipId');
  }
  const autoshipId = action.autoshipId ?? current?.autoshipId ?? null;
  if (!current) {
    const next: MemberService = {
      memberId: member.id,
      code: definition.code,
      tier: tier.code,
      tierSku: tier.sku,
      status: 'active',
      startedOn: today,
      terms: 1,
      credits: tier.credits,
      autoshipId,
      createdAt: at,
      updatedAt: at,
      version: 1,
    };
    return { next, detail: { tier: tier.code, expiresOn: expiresOn(next), credits: tier.credits } };
  }
  const status = statusOn(current, today);
  if (status === 'active') throw refuse('already_active', 'the service is active already');
  const base = { ...current, tier: tier.code, tierSku: tier.sku, status: 'active' as const, autoshipId };
  const next: MemberService =
    status === 'suspended'
      ? { ...base, updatedAt: at, version: current.version + 1 }
      : {
          ...base,
          startedOn: today,
          terms: 1,
          credits: current.credits + tier.credits,
          updatedAt: at,
          version: current.version + 1,
        };
  return { next, detail: { status: { from: status, to: 'active' }, tier: tier.code, expiresOn: expiresOn(next) } };
}

/**
 * Support's action on a member's service, with its reason in the member's
 * log in the same transaction. The version read decides: of ten identical
 * requests one changes the service and the rest get a 409.
 */
export async function actOnService(
  actorId: string,
  member: Member,
  code: string,
  action: ServiceAction,
  now = new Date(),
): Promise<MemberServiceView> {
  const definition = await getServiceDefinition(code);
  if (!definition) throw new NotFoundError(`No service ${code}.`, 'service_not_found');
  const current = await getMemberService(member.id, code);
  const today = dateOf(now);
  const at = now.toISOString();
  if (action.action !== 'activate' && !current) {
    throw new NotFoundError(`The member holds no ${code} service.`, 'service_not_held');
  }
  if ((action.version ?? null) !== (current?.version ?? null)) {
    throw staleVersionError(
      current
        ? 'The service changed meanwhile (or is held already). Reload it and try again.'
        : 'No such service held.',
    );
  }
  const change =
    action.action === 'activate'
      ? await activation(member, definition, current, action, today, at)
      : applyAction(definition, current!, action, today, at);
  const log = memberLogWrite(member.id, {
    at,
    actorId,
    action: `service.${action.action}`,
    detail: { service: code, ...change.detail },
    reason: action.reason,
  });
  if (!(await saveMemberService(change.next, current?.version ?? null, [log]))) {
    throw staleVersionError('The service changed meanwhile. Reload it and try again.');
  }
  return serviceView(change.next, definition, today);
}
