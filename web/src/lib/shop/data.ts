/** Reads the shop pages share: the catalog of a market, a member's saved cards and addresses. */
import type { Address, DeliveryAddress, MemberKind } from '@arbor/shared/members/model';
import { call } from '../api';
import type { Catalog, PaymentMethod } from './types';

const catalogs = new Map<string, Promise<Catalog>>();

/** The products sold in a market (the caller's own when none is given); kept for the visit. */
export function loadCatalog(market: string | null = null): Promise<Catalog> {
  const key = market ?? '';
  let pending = catalogs.get(key);
  if (!pending) {
    pending = call('orders.listShopProducts', { query: { market: market ?? undefined } });
    catalogs.set(key, pending);
    pending.catch(() => catalogs.delete(key));
  }
  return pending;
}

/** Forget cached catalogs (after the admin edits a product). */
export const forgetCatalogs = () => catalogs.clear();

/** `me` or a member ID, as the API's paths take it. */
export const memberPath = (buyerId: string | null | undefined) => buyerId ?? 'me';

export async function loadPaymentMethods(buyerId: string | null = null): Promise<PaymentMethod[]> {
  return (await call('orders.listPaymentMethods', { params: { id: memberPath(buyerId) } })).items;
}

export const removePaymentMethod = (buyerId: string | null, method: Pick<PaymentMethod, 'id'>) =>
  call('orders.deletePaymentMethod', { params: { id: memberPath(buyerId), methodId: method.id } });

export interface MemberAddresses {
  id: string;
  displayName: string;
  kind: MemberKind;
  market: string;
  /** Missing when the caller may not read them (a partner ordering for a customer). */
  address: Address | null;
  deliveryAddresses: DeliveryAddress[];
}

export async function loadMemberAddresses(buyerId: string | null = null): Promise<MemberAddresses> {
  const { member } = await call('members.getMember', { params: { id: memberPath(buyerId) } });
  const full = 'address' in member;
  return {
    id: member.id,
    displayName: member.displayName,
    kind: member.kind,
    market: member.market,
    address: full ? member.address : null,
    deliveryAddresses: full ? member.deliveryAddresses : [],
  };
}
