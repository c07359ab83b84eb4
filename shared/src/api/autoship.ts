import { z } from 'zod';
import { TeamQuery } from '../genealogy/requests.js';
import { Member, MemberRef, StoredAddress } from '../members/model.js';
import { Autoship, AutoshipActionBody, AutoshipCreateBody, AutoshipUpdateBody } from '../orders/autoship.js';
import { pageOf } from '../paging.js';
import { ALL_ROLES, endpoint, PARTNERS_AND_STAFF } from './endpoint.js';
import { TeamRow } from './genealogy.js';

/** A smart order as sent: the address as records keep it. */
const AutoshipRecord = Autoship.extend({ shippingAddress: StoredAddress });

/**
 * A smart order as the caller may read it: the member and staff see all of it;
 * an upline sees no card and only the city, region and postal code of the
 * address (its first line is empty).
 */
export const AutoshipView = AutoshipRecord.extend({
  paymentMethodId: z.string().optional().meta({ description: 'The saved card it charges; not shown to uplines.' }),
});

const MemberParams = z.object({ id: MemberRef });
const AutoshipParams = MemberParams.extend({ autoshipId: z.uuid() });
/** A changed smart order (only the member itself and staff change one, so all of it). */
const Changed = z.object({ autoship: AutoshipRecord });

/** A team row with the member's smart order at a glance (written onto its profile by the autoship side). */
export const TeamAutoshipRow = TeamRow.extend({ autoship: Member.shape.autoship.unwrap().nullable() });

/** Smart orders (monthly autoships): the member's own, staff's for a member, and the team's. */
export const autoshipApi = {
  listMemberAutoships: endpoint({
    auth: ALL_ROLES,
    summary: "A member's smart orders (uplines see them without the card and the street address).",
    params: MemberParams,
    response: z.object({ items: z.array(AutoshipView) }),
  }),
  createMemberAutoship: endpoint({
    auth: ALL_ROLES,
    summary: 'Set up a smart order (checked like a run: cart, market, card); staff say why when it uses a saved card.',
    params: MemberParams,
    body: AutoshipCreateBody,
    response: Changed,
    status: 201,
  }),
  updateMemberAutoship: endpoint({
    auth: ALL_ROLES,
    summary: 'Change the items, day, card or address of a smart order (409 when the version is stale).',
    params: AutoshipParams,
    body: AutoshipUpdateBody,
    response: Changed,
  }),
  autoshipAction: endpoint({
    auth: ALL_ROLES,
    summary:
      'Skip the next run, pause, resume or cancel a smart order (409 when the version is stale); staff stop the retries of a declined run (`stop-retries`, with a reason).',
    params: AutoshipParams.extend({ action: z.enum(['skip', 'pause', 'resume', 'cancel', 'stop-retries']) }),
    body: AutoshipActionBody,
    response: Changed,
  }),
  teamAutoships: endpoint({
    auth: PARTNERS_AND_STAFF,
    summary: "Smart orders in the team: the placement downline's partners, then the member's own customers.",
    query: TeamQuery,
    response: pageOf(TeamAutoshipRow),
  }),
};
