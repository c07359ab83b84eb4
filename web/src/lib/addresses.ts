/** Addresses as forms edit them (every field a string) and as the API takes them (blanks left out). */
import type { Address, DeliveryAddress } from '@arbor/shared/members/model';
import { optional } from './forms';

export interface AddressDraft {
  line1: string;
  line2: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
}

export interface DeliveryDraft extends AddressDraft {
  id?: string | undefined;
  label: string;
  recipient: string;
  isDefault: boolean;
}

export const emptyAddress = (country = ''): AddressDraft => ({
  line1: '',
  line2: '',
  city: '',
  region: '',
  postalCode: '',
  country,
});

export const addressDraft = (address: Address | null | undefined, country = ''): AddressDraft =>
  address
    ? {
        line1: address.line1,
        line2: address.line2 ?? '',
        city: address.city,
        region: address.region,
        postalCode: address.postalCode,
        country: address.country,
      }
    : emptyAddress(country);

export const deliveryDraft = (address: DeliveryAddress): DeliveryDraft => ({
  ...addressDraft(address),
  id: address.id,
  label: address.label,
  recipient: address.recipient ?? '',
  isDefault: address.isDefault,
});

export function addressBody(draft: AddressDraft) {
  const line2 = optional(draft.line2);
  return {
    line1: draft.line1.trim(),
    ...(line2 ? { line2 } : {}),
    city: draft.city.trim(),
    region: draft.region.trim(),
    postalCode: draft.postalCode.trim(),
    country: draft.country,
  };
}

export function deliveryBody(draft: DeliveryDraft) {
  const recipient = optional(draft.recipient);
  return {
    ...(draft.id ? { id: draft.id } : {}),
    ...addressBody(draft),
    label: draft.label.trim(),
    ...(recipient ? { recipient } : {}),
    isDefault: draft.isDefault,
  };
}

/** Exactly one default among delivery addresses (the first, when none is marked). */
export function withOneDefault<T extends { isDefault: boolean }>(addresses: T[]): T[] {
  const chosen = Math.max(
    0,
    addresses.findIndex((a) => a.isDefault),
  );
  return addresses.map((a, index) => ({ ...a, isDefault: index === chosen }));
}
