/** Which address an order or smart order ships to: the residence, a saved delivery address, or a new one. */
import { Address } from '@arbor/shared/members/model';
import { addressBody, addressDraft, emptyAddress, type AddressDraft } from '../addresses';
import type { MemberAddresses } from './data';

export type AddressChoice = 'residence' | `delivery:${string}` | 'new';

export interface AddressSelection {
  choice: AddressChoice;
  /** The new address being typed (also where a saved one is copied to be corrected). */
  draft: AddressDraft;
}

type Known = Pick<MemberAddresses, 'address' | 'deliveryAddresses'>;

/** The default delivery address, else the residence, else a new address in the market. */
export function defaultSelection(known: Known | null, market: string): AddressSelection {
  const delivery = known?.deliveryAddresses.find((a) => a.isDefault) ?? known?.deliveryAddresses[0];
  if (delivery) return { choice: `delivery:${delivery.id}`, draft: emptyAddress(market) };
  if (known?.address) return { choice: 'residence', draft: emptyAddress(market) };
  return { choice: 'new', draft: emptyAddress(market) };
}

/** The chosen address as the API takes it; null while a new address is incomplete. */
export function chosenAddress(selection: AddressSelection, known: Known | null): Address | null {
  if (selection.choice === 'residence') return known?.address ? stripAddress(known.address) : null;
  if (selection.choice.startsWith('delivery:')) {
    const id = selection.choice.slice('delivery:'.length);
    const found = known?.deliveryAddresses.find((a) => a.id === id);
    return found ? stripAddress(found) : null;
  }
  const parsed = Address.safeParse(addressBody(selection.draft));
  return parsed.success ? parsed.data : null;
}

/** Just the postal fields (a delivery address also has an id, label and recipient). */
export function stripAddress(address: Address): Address {
  return addressBody(addressDraft(address));
}

/** Which saved choice an address is (editing a smart order), else a new address holding it. */
export function selectionFor(address: Address, known: Known | null, market: string): AddressSelection {
  const same = (a: Address) => JSON.stringify(stripAddress(a)) === JSON.stringify(stripAddress(address));
  const delivery = known?.deliveryAddresses.find(same);
  if (delivery) return { choice: `delivery:${delivery.id}`, draft: emptyAddress(market) };
  if (known?.address && same(known.address)) return { choice: 'residence', draft: emptyAddress(market) };
  return { choice: 'new', draft: addressDraft(address, market) };
}

/** "5023 Lake Rd, Albany, NY 10618": one line for a radio label or a summary. */
export const addressLine = (address: Address) =>
  [address.line1, address.line2, address.city, `${address.region} ${address.postalCode}`, address.country]
    .filter(Boolean)
    .join(', ');
