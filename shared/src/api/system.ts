import { z } from 'zod';
import { Currency } from '../money.js';
import { Market, MembershipLevel } from '../company.js';
import { ALL_ROLES, endpoint } from './endpoint.js';

const DependencyState = z.enum(['ok', 'unreachable', 'failing']);

/** The system area: health, the company's public facts, the API's own description. */
export const systemApi = {
  health: endpoint({
    auth: 'public',
    summary: 'Health of the API and its dependencies (200 when all answer, else 503 with Retry-After).',
    response: z.object({ status: z.literal('ok'), dependencies: z.record(z.string(), DependencyState) }),
  }),
  company: endpoint({
    auth: ALL_ROLES,
    summary: 'What every signed-in page needs of the company: markets, membership levels, time zone, ranks.',
    response: z.object({
      name: z.string(),
      timeZone: z.string(),
      placementWindowDays: z.number().int(),
      markets: z.array(Market),
      membershipLevels: z.array(MembershipLevel),
      payoutCurrency: Currency,
      ranks: z.array(z.object({ rank: z.number().int(), name: z.string() })),
    }),
  }),
  openApi: endpoint({
    auth: 'public',
    summary: 'This API described as an OpenAPI 3.1 document.',
    response: z.record(z.string(), z.unknown()),
  }),
  notFound: endpoint({
    auth: 'public',
    summary: 'Anything no route matches: a JSON 404 (route_not_found).',
    response: null,
  }),
};
