import type { z } from 'zod';
import type { AutoshipView } from '@arbor/shared/api/autoship';
import { isStaff } from '@arbor/shared/members/model';
import type { Autoship } from '@arbor/shared/orders/autoship';
import type { Principal } from '../auth/principal.js';
import { shippingArea } from '../orders/access.js';

/**
 * A smart order as the caller may read it. The member and staff see all of
 * it; an upline sees what it needs to coach (items, dates, status, last run),
 * never the card it charges (a card id could be replayed at checkout) nor the
 * street address.
 */
export function autoshipView(autoship: Autoship, viewer: Principal): z.input<typeof AutoshipView> {
  if (autoship.memberId === viewer.memberId || isStaff(viewer.role)) return autoship;
  const { paymentMethodId: _card, shippingAddress, ...rest } = autoship;
  return { ...rest, shippingAddress: shippingArea(shippingAddress) };
}
