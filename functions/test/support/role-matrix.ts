/**
 * Who may change whose account, route by route: the literal table the role
 * matrix test (integration/role-matrix.test.ts) checks against the running
 * API, and the list every mutating route of the wiring must be in (checked by
 * unit/role-matrix-routes.test.ts), so a new route cannot be forgotten.
 *
 * The rule: only an admin changes a staff account (support, admin); nobody
 * changes an account of a higher role (customer < partner < support < admin);
 * staff change partners and customers; a partner changes only what a route
 * lets an upline do (placement in the window, an order for its team); a
 * member changes itself where the route allows it. 404 is "not in your
 * organization", 403 "visible but not yours to change", 422 a business rule
 * of the route (e.g. only partners are placed).
 */

export const CALLERS = ['customer', 'partner-upline', 'partner-stranger', 'support', 'admin'] as const;
export type Caller = (typeof CALLERS)[number];
export const TARGETS = ['customer', 'partner', 'support', 'admin'] as const;
export type Target = (typeof TARGETS)[number];

/** Expected status for each caller, on targets [customer, partner, support, admin]. */
export type Expectations = Record<Caller, readonly [number, number, number, number]>;

/** Self or staff, within the role order (profile, tax id, uploads, cards, smart orders). */
const selfOrStaff = (ok: number): Expectations => ({
  customer: [404, 404, 404, 404],
  'partner-upline': [403, 403, 404, 404],
  'partner-stranger': [404, 404, 404, 404],
  support: [ok, ok, 403, 403],
  admin: [ok, ok, ok, ok],
});

/** Staff only, and only on partners and customers (services and points: staff accounts hold none). */
const staffOnNonStaff = (ok: number): Expectations => ({
  customer: [403, 403, 403, 403],
  'partner-upline': [403, 403, 403, 403],
  'partner-stranger': [403, 403, 403, 403],
  support: [ok, ok, 403, 403],
  admin: [ok, ok, 403, 403],
});

export const MEMBER_TARGET_ROUTES: Record<string, Expectations> = {
  'PATCH /api/members/{id}': selfOrStaff(200),
  'PUT /api/members/{id}/tax-id': selfOrStaff(200),
  'PUT /api/members/{id}/direct-deposit': {
    customer: [403, 403, 403, 403],
    'partner-upline': [403, 403, 404, 404],
    'partner-stranger': [404, 404, 404, 404],
    support: [200, 200, 403, 403],
    admin: [200, 200, 200, 200],
  },
  'PUT /api/members/{id}/placement': {
    customer: [403, 403, 403, 403],
    'partner-upline': [422, 200, 404, 404],
    'partner-stranger': [404, 404, 404, 404],
    support: [422, 200, 403, 403],
    admin: [422, 200, 422, 422],
  },
  'PUT /api/members/{id}/status': {
    customer: [403, 403, 403, 403],
    'partner-upline': [403, 403, 403, 403],
    'partner-stranger': [403, 403, 403, 403],
    support: [200, 200, 403, 403],
    admin: [200, 200, 200, 200],
  },
  // Staff only; staff accounts hold no membership level (an admin gets the rule's 422).
  'PUT /api/members/{id}/level': {
    customer: [403, 403, 403, 403],
    'partner-upline': [403, 403, 403, 403],
    'partner-stranger': [403, 403, 403, 403],
    support: [200, 200, 403, 403],
    admin: [200, 200, 422, 422],
  },
  'POST /api/members/{id}/identity/documents': selfOrStaff(200),
  // Staff only; a staff target has no document on file to review (an admin gets the rule's 422).
  'PUT /api/members/{id}/identity': {
    customer: [403, 403, 403, 403],
    'partner-upline': [403, 403, 403, 403],
    'partner-stranger': [403, 403, 403, 403],
    support: [200, 200, 403, 403],
    admin: [200, 200, 422, 422],
  },
  'POST /api/members/{id}/uploads': selfOrStaff(201),
  'POST /api/members/{id}/payment-methods': selfOrStaff(201),
  'DELETE /api/members/{id}/payment-methods/{methodId}': selfOrStaff(204),
  'POST /api/members/{id}/autoships': selfOrStaff(201),
  'PATCH /api/members/{id}/autoships/{autoshipId}': selfOrStaff(200),
  'POST /api/members/{id}/autoships/{autoshipId}/{action}': selfOrStaff(200),
  // body.memberId: an order for someone else (an upline for its team, staff for members; staff do not buy).
  'POST /api/orders': {
    customer: [404, 404, 404, 404],
    'partner-upline': [201, 201, 404, 404],
    'partner-stranger': [404, 404, 404, 404],
    support: [201, 201, 403, 403],
    admin: [201, 201, 403, 403],
  },
  // Services and points (docs/services.md): staff act on partners and customers; staff accounts hold none.
  'POST /api/members/{id}/services/{code}/actions': staffOnNonStaff(200),
  'POST /api/members/{id}/points/adjustments': staffOnNonStaff(200),
  // body.sponsorId: enrolling under someone (partners only under themselves; sponsors are partners).
  'POST /api/enrollments': {
    customer: [403, 403, 403, 403],
    'partner-upline': [403, 403, 403, 403],
    'partner-stranger': [403, 403, 403, 403],
    support: [422, 201, 422, 422],
    admin: [422, 201, 422, 422],
  },
  // The support console's account page: staff only, never on a staff account (not even an admin's).
  'POST /api/support/members/{id}/calls': staffOnNonStaff(201),
  'POST /api/support/members/{id}/actions/{action}': staffOnNonStaff(200),
  'POST /api/support/members/{id}/view-as': staffOnNonStaff(201),
};

/**
 * Each caller on its own account, route by route: a member changes itself
 * where the route allows its role (staff do not buy; only partners are placed
 * and sponsor; a customer has no bank details for payouts).
 */
export const SELF: Record<string, Record<Caller, number>> = {
  'PATCH /api/members/{id}': {
    customer: 200,
    'partner-upline': 200,
    'partner-stranger': 200,
    support: 200,
    admin: 200,
  },
  'PUT /api/members/{id}/tax-id': {
    customer: 200,
    'partner-upline': 200,
    'partner-stranger': 200,
    support: 200,
    admin: 200,
  },
  'PUT /api/members/{id}/direct-deposit': {
    customer: 403,
    'partner-upline': 200,
    'partner-stranger': 200,
    support: 200,
    admin: 200,
  },
  // The upline would be placed under its own child (a cycle); the stranger has no sponsor; staff are not placed.
  'PUT /api/members/{id}/placement': {
    customer: 403,
    'partner-upline': 422,
    'partner-stranger': 422,
    support: 422,
    admin: 422,
  },
  'PUT /api/members/{id}/status': {
    customer: 403,
    'partner-upline': 403,
    'partner-stranger': 403,
    support: 200,
    admin: 200,
  },
  'PUT /api/members/{id}/level': {
    customer: 403,
    'partner-upline': 403,
    'partner-stranger': 403,
    support: 422,
    admin: 422,
  },
  'POST /api/members/{id}/identity/documents': {
    customer: 200,
    'partner-upline': 200,
    'partner-stranger': 200,
    support: 200,
    admin: 200,
  },
  'PUT /api/members/{id}/identity': {
    customer: 403,
    'partner-upline': 403,
    'partner-stranger': 403,
    support: 422,
    admin: 422,
  },
  'POST /api/members/{id}/uploads': {
    customer: 201,
    'partner-upline': 201,
    'partner-stranger': 201,
    support: 201,
    admin: 201,
  },
  'POST /api/members/{id}/payment-methods': {
    customer: 201,
    'partner-upline': 201,
    'partner-stranger': 201,
    support: 201,
    admin: 201,
  },
  'DELETE /api/members/{id}/payment-methods/{methodId}': {
    customer: 204,
    'partner-upline': 204,
    'partner-stranger': 204,
    support: 204,
    admin: 204,
  },
  'POST /api/members/{id}/autoships': {
    customer: 201,
    'partner-upline': 201,
    'partner-stranger': 201,
    support: 201,
    admin: 201,
  },
  'PATCH /api/members/{id}/autoships/{autoshipId}': {
    customer: 200,
    'partner-upline': 200,
    'partner-stranger': 200,
    support: 200,
    admin: 200,
  },
  'POST /api/members/{id}/autoships/{autoshipId}/{action}': {
    customer: 200,
    'partner-upline': 200,
    'partner-stranger': 200,
    support: 200,
    admin: 200,
  },
  'POST /api/orders': { customer: 201, 'partner-upline': 201, 'partner-stranger': 201, support: 403, admin: 403 },
  'POST /api/enrollments': { customer: 403, 'partner-upline': 201, 'partner-stranger': 201, support: 422, admin: 422 },
  'POST /api/members/{id}/services/{code}/actions': {
    customer: 403,
    'partner-upline': 403,
    'partner-stranger': 403,
    support: 403,
    admin: 403,
  },
  'POST /api/members/{id}/points/adjustments': {
    customer: 403,
    'partner-upline': 403,
    'partner-stranger': 403,
    support: 403,
    admin: 403,
  },
  'POST /api/support/members/{id}/calls': {
    customer: 403,
    'partner-upline': 403,
    'partner-stranger': 403,
    support: 403,
    admin: 403,
  },
  'POST /api/support/members/{id}/actions/{action}': {
    customer: 403,
    'partner-upline': 403,
    'partner-stranger': 403,
    support: 403,
    admin: 403,
  },
  'POST /api/support/members/{id}/view-as': {
    customer: 403,
    'partner-upline': 403,
    'partner-stranger': 403,
    support: 403,
    admin: 403,
  },
};

/** Mutating routes that do not take a member: why each is outside the matrix. */
export const NOT_MEMBER_TARGET: Record<string, string> = {
  $default: 'the JSON 404 for unmatched routes',
  'POST /api/auth/sign-in': 'public; acts on the credentials presented',
  'POST /api/auth/sign-out': 'the caller’s own session',
  'POST /api/auth/refresh': 'the caller’s own refresh token',
  'POST /api/auth/change-password': 'the caller’s own password',
  'POST /api/auth/password-reset': 'public; mails the address on file',
  'POST /api/auth/password-reset/confirm': 'public; the single-use token names the member',
  'POST /api/join/{siteName}': 'public enrollment under a site owner (no account changes but the new one)',
  'POST /api/join/{siteName}/uploads': 'public; uploads go to the pending owner',
  'POST /api/cart/quote': 'prices only, changes nothing; its memberId goes through the same buyerFor as checkout',
  'POST /api/orders/{id}/cancel': 'an order id: visibleOrder, then buyer or staff',
  'POST /api/orders/{id}/refunds': 'an order id, staff only',
  'PUT /api/orders/{id}/shipment': 'an order id, staff only',
  'POST /api/orders/{id}/delivery': 'an order id, staff only',
  'POST /api/orders/{id}/payments': 'an order id: visibleOrder, then buyer or staff',
  'POST /api/admin/periods/{id}/calculate': 'admin only, a period',
  'POST /api/admin/periods/{id}/finalize': 'admin only, a period',
  'POST /api/admin/periods/{id}/paid': 'admin only, a period',
  'POST /api/admin/plans': 'admin only, a plan',
  'PUT /api/admin/plans/{id}': 'admin only, a plan',
  'POST /api/admin/plans/{id}/activate': 'admin only, a plan',
  'POST /api/admin/what-if': 'admin only, computes and stores nothing of a member',
  'POST /api/admin/products': 'admin only, the catalog',
  'PUT /api/admin/products/{sku}': 'admin only, the catalog',
  'POST /api/admin/gift-cards': 'admin only, a gift card',
  'POST /api/admin/uploads': 'admin only, catalog images',
  'POST /api/admin/integrations/keys': 'admin only, an API key',
  'POST /api/admin/integrations/keys/{id}/revoke': 'admin only, an API key',
  'POST /api/admin/integrations/webhooks': 'admin only, a webhook endpoint',
  'PATCH /api/admin/integrations/webhooks/{id}': 'admin only, a webhook endpoint',
  'POST /api/admin/integrations/webhooks/{id}/disable': 'admin only, a webhook endpoint',
  'POST /api/admin/integrations/webhooks/{id}/enable': 'admin only, a webhook endpoint',
  'DELETE /api/admin/integrations/webhooks/{id}': 'admin only, a webhook endpoint',
  'POST /api/admin/integrations/webhooks/{id}/deliveries/{eventId}/replay': 'admin only, a webhook delivery',
  'POST /api/news/preview': 'renders Markdown, stores nothing',
  'POST /api/admin/news': 'admin only, a company article',
  'PUT /api/admin/news/{id}': 'admin only, a company article',
  'DELETE /api/admin/news/{id}': 'admin only, a company article',
  'POST /api/news/notes': 'a partner’s own note (to its own downline)',
  'PUT /api/news/notes/{id}': 'a note id: only its author’s (404 for anyone else)',
  'POST /api/broadcasts/preview': 'a partner’s own team (read from its own partitions), sends nothing',
  'POST /api/broadcasts': 'a partner’s own team (read from its own partitions); no parameter names a member',
  'POST /api/broadcasts/{id}/cancel': 'a broadcast id: its sender or an admin (404 for anyone else)',
  'POST /api/admin/email-templates': 'admin only, a company template',
  'PUT /api/admin/email-templates/{id}': 'admin only, a company template',
  'POST /api/admin/announcements/preview': 'admin only, the company, sends nothing',
  'POST /api/admin/announcements': 'admin only, the company',
  'PUT /api/admin/mail-settings': 'admin only, the company’s mail settings',
  'POST /api/unsubscribe': 'public; the signed link names its one member',
  'DELETE /api/news/notes/{id}': 'a note id: only its author’s (404 for anyone else)',
  'PUT /api/admin/services/{code}': 'admin only, the services catalog',
  'PUT /api/admin/points-rule': 'admin only, the company’s points rule',
  'PUT /api/admin/case-types/{id}': 'admin only, a case type',
  'POST /api/join/{siteName}/contact': 'public; opens a case for the name and email given, changes no account',
  'POST /api/cases': 'the caller’s own request to support (customers and partners)',
  'POST /api/cases/{number}/replies': 'a case number: only the caller’s own case (404 for anyone else’s)',
  'POST /api/support/cases':
    'staff only; body.memberId is who the case is about, never changed (support: 403 for a staff account)',
  'POST /api/support/cases/import': 'staff only; rows naming staff accounts are refused row by row',
  'PATCH /api/support/cases/{number}': 'staff only, a case (its member’s log records the change)',
  'POST /api/support/cases/{number}/notes': 'staff only, a case',
  'POST /api/support/cases/{number}/replies': 'staff only, a case (mails its member or contact)',
  'POST /api/support/view-as/end': 'the caller’s own view of a member’s portal (its return cookie names it)',
};
