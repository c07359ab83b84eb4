import {
  computePeriod,
  type CommissionLine,
  type ComputeOptions,
  type MemberInput,
  type OrderInput,
  type PartnerResult,
  type PeriodInput,
  type PeriodResult,
  type PlanDocument,
} from '../../src/commissions/index.js';

/** A partner placed under its sponsor unless told otherwise; active, highest rank 1. */
export function partner(
  id: string,
  sponsorId: string | null = null,
  extra: Partial<Omit<MemberInput, 'id' | 'kind'>> = {},
): MemberInput {
  return { id, kind: 'partner', sponsorId, placementId: sponsorId, status: 'active', ...extra };
}

export function customer(id: string, sponsorId: string): MemberInput {
  return { id, kind: 'customer', sponsorId, placementId: null, status: 'active' };
}

let orderSequence = 0;

/** A repeat order unless `firstOrder` is set; ids are unique across a test file. */
export function order(buyerId: string, pv: number, cv: number, firstOrder = false): OrderInput {
  orderSequence += 1;
  return { id: `o-${orderSequence}`, buyerId, pv, cv, firstOrder };
}

export function monthly(partners: MemberInput[], orders: OrderInput[], plan?: PlanDocument): PeriodInput {
  return { period: { id: '2026-11', kind: 'monthly' }, ...(plan ? { plan } : {}), partners, orders };
}

export function weekly(partners: MemberInput[], orders: OrderInput[], plan?: PlanDocument): PeriodInput {
  return { period: { id: '2026-W47', kind: 'weekly' }, ...(plan ? { plan } : {}), partners, orders };
}

export function compute(input: PeriodInput, options?: ComputeOptions): PeriodResult {
  return computePeriod(input, options);
}

export function linesOf(result: PeriodResult, bonus?: CommissionLine['bonus']): CommissionLine[] {
  return [...result.lines].filter((line) => bonus === undefined || line.bonus === bonus);
}

/** Lines as "recipient level amount" strings, sorted, for compact assertions. */
export function paid(result: PeriodResult, bonus?: CommissionLine['bonus']): string[] {
  return linesOf(result, bonus)
    .map((line) => `${line.recipientId} L${line.level} ${line.amount}`)
    .sort();
}

export function partnerOf(result: PeriodResult, id: string): PartnerResult {
  const found = [...result.partners].find((p) => p.id === id);
  if (!found) throw new Error(`no partner result for ${id}`);
  return found;
}

export function rankOf(result: PeriodResult, id: string): number {
  return partnerOf(result, id).paidRank;
}
