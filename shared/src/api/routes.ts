/**
 * Every HTTP route of the API: its area, its name and `METHOD /path` (API
 * Gateway v2 path templates; `ANY $default` catches everything unmatched).
 * The one table both the server wiring (functions/src/wiring.ts) and the web
 * client (web/src/lib/api.ts) read: a route exists here or nowhere. What each
 * route takes and returns is its area's contract (shared/src/api/<area>.ts).
 *
 * Pure data with no imports, so the browser can carry it at almost no cost.
 */
export const ROUTES = {
  system: {
    health: 'GET /api/health',
    company: 'GET /api/company',
    openApi: 'GET /api/openapi.json',
    notFound: 'ANY $default',
  },
  auth: {
    signIn: 'POST /api/auth/sign-in',
    signOut: 'POST /api/auth/sign-out',
    refresh: 'POST /api/auth/refresh',
    me: 'GET /api/auth/me',
    changePassword: 'POST /api/auth/change-password',
    requestPasswordReset: 'POST /api/auth/password-reset',
    confirmPasswordReset: 'POST /api/auth/password-reset/confirm',
    loginHistory: 'GET /api/auth/login-history',
  },
  members: {
    enroll: 'POST /api/enrollments',
    placementQueue: 'GET /api/members/me/placement-queue',
    getMember: 'GET /api/members/{id}',
    updateMember: 'PATCH /api/members/{id}',
    setTaxId: 'PUT /api/members/{id}/tax-id',
    setDirectDeposit: 'PUT /api/members/{id}/direct-deposit',
    placeMember: 'PUT /api/members/{id}/placement',
    changeStatus: 'PUT /api/members/{id}/status',
    changeLevel: 'PUT /api/members/{id}/level',
    addIdentityDocument: 'POST /api/members/{id}/identity/documents',
    identityDocuments: 'GET /api/members/{id}/identity/documents',
    reviewIdentity: 'PUT /api/members/{id}/identity',
    memberLog: 'GET /api/members/{id}/log',
    presignUpload: 'POST /api/members/{id}/uploads',
    joinInfo: 'GET /api/join/{siteName}',
    joinEnroll: 'POST /api/join/{siteName}',
    joinUpload: 'POST /api/join/{siteName}/uploads',
  },
  genealogy: {
    children: 'GET /api/genealogy/{tree}/children/{id}',
    node: 'GET /api/genealogy/{tree}/nodes/{id}',
    search: 'GET /api/genealogy/search',
    checkDownline: 'GET /api/genealogy/downline/{id}',
    teamUnilevel: 'GET /api/team/unilevel',
    teamEnrolled: 'GET /api/team/enrolled',
    teamCustomers: 'GET /api/team/customers',
    teamNew: 'GET /api/team/new-partners',
    teamActivity: 'GET /api/team/activity',
    teamByMonth: 'GET /api/team/enrollments-by-month',
    teamRanks: 'GET /api/team/ranks',
  },
  orders: {
    listShopProducts: 'GET /api/products',
    getShopProduct: 'GET /api/products/{sku}',
    quote: 'POST /api/cart/quote',
    placeOrder: 'POST /api/orders',
    listOrders: 'GET /api/orders',
    getOrderDetail: 'GET /api/orders/{id}',
    invoicePdf: 'GET /api/orders/{id}/invoice.pdf',
    cancel: 'POST /api/orders/{id}/cancel',
    refund: 'POST /api/orders/{id}/refunds',
    ship: 'PUT /api/orders/{id}/shipment',
    deliver: 'POST /api/orders/{id}/delivery',
    pay: 'POST /api/orders/{id}/payments',
    listPaymentMethods: 'GET /api/members/{id}/payment-methods',
    addPaymentMethod: 'POST /api/members/{id}/payment-methods',
    deletePaymentMethod: 'DELETE /api/members/{id}/payment-methods/{methodId}',
    giftCardBalance: 'GET /api/gift-cards/{code}',
  },
  autoship: {
    listMemberAutoships: 'GET /api/members/{id}/autoships',
    createMemberAutoship: 'POST /api/members/{id}/autoships',
    updateMemberAutoship: 'PATCH /api/members/{id}/autoships/{autoshipId}',
    autoshipAction: 'POST /api/members/{id}/autoships/{autoshipId}/{action}',
    teamAutoships: 'GET /api/team/autoships',
  },
  commissions: {
    commissionSummary: 'GET /api/commissions/summary',
    commissionPeriod: 'GET /api/commissions/periods/{periodId}',
    volumeHistory: 'GET /api/commissions/volumes',
    rankProgressOf: 'GET /api/commissions/rank-progress',
    memberQualification: 'GET /api/commissions/qualification',
    teamAdvancements: 'GET /api/team/rank-advancements',
    adminListPeriods: 'GET /api/admin/periods',
    adminGetPeriod: 'GET /api/admin/periods/{id}',
    adminCalculate: 'POST /api/admin/periods/{id}/calculate',
    adminFinalize: 'POST /api/admin/periods/{id}/finalize',
    adminPayoutExport: 'GET /api/admin/periods/{id}/payouts.csv',
    adminMarkPaid: 'POST /api/admin/periods/{id}/paid',
    adminListPlans: 'GET /api/admin/plans',
    adminGetPlan: 'GET /api/admin/plans/{id}',
    adminCreatePlan: 'POST /api/admin/plans',
    adminUpdatePlan: 'PUT /api/admin/plans/{id}',
    adminActivatePlan: 'POST /api/admin/plans/{id}/activate',
    adminWhatIf: 'POST /api/admin/what-if',
  },
  admin: {
    adminListProducts: 'GET /api/admin/products',
    adminCreateProduct: 'POST /api/admin/products',
    adminUpdateProduct: 'PUT /api/admin/products/{sku}',
    issueGiftCard: 'POST /api/admin/gift-cards',
    adminPresignUpload: 'POST /api/admin/uploads',
  },
  support: {
    search: 'GET /api/support/search',
    memberLoginHistory: 'GET /api/support/members/{id}/login-history',
    memberOverview: 'GET /api/support/members/{id}',
    memberTimeline: 'GET /api/support/members/{id}/timeline',
    memberCalls: 'GET /api/support/members/{id}/calls',
    addMemberCall: 'POST /api/support/members/{id}/calls',
    recentCalls: 'GET /api/support/calls',
    accountAction: 'POST /api/support/members/{id}/actions/{action}',
    startViewAs: 'POST /api/support/members/{id}/view-as',
    endViewAs: 'POST /api/support/view-as/end',
    memberViews: 'GET /api/support/members/{id}/views',
  },
  integrations: {
    listApiKeys: 'GET /api/admin/integrations/keys',
    createApiKey: 'POST /api/admin/integrations/keys',
    revokeApiKey: 'POST /api/admin/integrations/keys/{id}/revoke',
    listWebhooks: 'GET /api/admin/integrations/webhooks',
    createWebhook: 'POST /api/admin/integrations/webhooks',
    updateWebhook: 'PATCH /api/admin/integrations/webhooks/{id}',
    disableWebhook: 'POST /api/admin/integrations/webhooks/{id}/disable',
    enableWebhook: 'POST /api/admin/integrations/webhooks/{id}/enable',
    deleteWebhook: 'DELETE /api/admin/integrations/webhooks/{id}',
    listDeliveries: 'GET /api/admin/integrations/webhooks/{id}/deliveries',
    replayDelivery: 'POST /api/admin/integrations/webhooks/{id}/deliveries/{eventId}/replay',
  },
  comms: {
    listTemplates: 'GET /api/broadcasts/templates',
    previewBroadcast: 'POST /api/broadcasts/preview',
    sendBroadcast: 'POST /api/broadcasts',
    listBroadcasts: 'GET /api/broadcasts',
    getBroadcast: 'GET /api/broadcasts/{id}',
    cancelBroadcast: 'POST /api/broadcasts/{id}/cancel',
    adminListTemplates: 'GET /api/admin/email-templates',
    adminCreateTemplate: 'POST /api/admin/email-templates',
    adminUpdateTemplate: 'PUT /api/admin/email-templates/{id}',
    previewAnnouncement: 'POST /api/admin/announcements/preview',
    sendAnnouncement: 'POST /api/admin/announcements',
    listAnnouncements: 'GET /api/admin/announcements',
    getMailSettings: 'GET /api/admin/mail-settings',
    updateMailSettings: 'PUT /api/admin/mail-settings',
    unsubscribeInfo: 'GET /api/unsubscribe',
    unsubscribe: 'POST /api/unsubscribe',
  },
  news: {
    listNews: 'GET /api/news',
    getNews: 'GET /api/news/{id}',
    previewNews: 'POST /api/news/preview',
    adminListArticles: 'GET /api/admin/news',
    adminGetArticle: 'GET /api/admin/news/{id}',
    adminCreateArticle: 'POST /api/admin/news',
    adminUpdateArticle: 'PUT /api/admin/news/{id}',
    adminDeleteArticle: 'DELETE /api/admin/news/{id}',
    listMyNotes: 'GET /api/news/notes',
    createNote: 'POST /api/news/notes',
    updateNote: 'PUT /api/news/notes/{id}',
    deleteNote: 'DELETE /api/news/notes/{id}',
  },
  cases: {
    listCaseTypes: 'GET /api/case-types',
    adminListCaseTypes: 'GET /api/admin/case-types',
    adminPutCaseType: 'PUT /api/admin/case-types/{id}',
    contactUs: 'POST /api/join/{siteName}/contact',
    listMyCases: 'GET /api/cases',
    createMyCase: 'POST /api/cases',
    getMyCase: 'GET /api/cases/{number}',
    replyMyCase: 'POST /api/cases/{number}/replies',
    listCases: 'GET /api/support/cases',
    caseStats: 'GET /api/support/cases/stats',
    createCase: 'POST /api/support/cases',
    importCases: 'POST /api/support/cases/import',
    getCase: 'GET /api/support/cases/{number}',
    updateCase: 'PATCH /api/support/cases/{number}',
    addNote: 'POST /api/support/cases/{number}/notes',
    replyToMember: 'POST /api/support/cases/{number}/replies',
  },
  services: {
    listServices: 'GET /api/services',
    adminPutService: 'PUT /api/admin/services/{code}',
    adminPutPointsRule: 'PUT /api/admin/points-rule',
    memberServices: 'GET /api/members/{id}/services',
    serviceAction: 'POST /api/members/{id}/services/{code}/actions',
    memberPoints: 'GET /api/members/{id}/points',
    adjustPoints: 'POST /api/members/{id}/points/adjustments',
  },
} as const;

export type Routes = typeof ROUTES;
export type Area = keyof Routes;
export const AREAS = Object.keys(ROUTES) as Area[];

/** `area.name` of every route, e.g. `orders.listOrders`. */
export type RouteId = { [A in Area]: `${A}.${keyof Routes[A] & string}` }[Area];
export type RouteNames<A extends Area> = keyof Routes[A] & string;

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'ANY';

/** `GET /api/orders/{id}` -> its method and path. */
export function splitRoute(route: string): { method: HttpMethod; path: string } {
  const space = route.indexOf(' ');
  return { method: route.slice(0, space) as HttpMethod, path: route.slice(space + 1) };
}

/** The method and path of a route by its id. */
export function routeOf(id: RouteId): { method: HttpMethod; path: string } {
  const [area, name] = id.split('.') as [Area, string];
  return splitRoute((ROUTES[area] as Record<string, string>)[name]!);
}
