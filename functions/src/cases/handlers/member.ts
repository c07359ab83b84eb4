import { casesApi } from '@arbor/shared/api/cases';
import { route } from '../../lib/http.js';
import { actorOf, memberOpenCase, memberReply, myCase, myCasesPage } from '../service.js';

/** A member's own cases in the portal: anyone else's case is a 404. */

export const listMyCases = route(casesApi.listMyCases, async ({ query, principal }) =>
  myCasesPage(principal.memberId, query.limit, query.cursor),
);

export const createMyCase = route(casesApi.createMyCase, async ({ body, principal }) => ({
  case: await memberOpenCase(body, principal.memberId),
}));

export const getMyCase = route(casesApi.getMyCase, async ({ params, principal }) =>
  myCase(params.number, principal.memberId),
);

export const replyMyCase = route(casesApi.replyMyCase, async ({ params, body, principal }) =>
  memberReply(params.number, body, await actorOf(principal)),
);
