import { casesApi } from '@arbor/shared/api/cases';
import { route } from '../../lib/http.js';
import {
  actorOf,
  addNote,
  caseDetail,
  changeCase,
  deskPage,
  deskStats,
  importCases,
  replyToMember,
  staffOpenCase,
} from '../service.js';

/** The staff case desk: list, counts, open by hand, import, one case, changes, notes and replies. */

export const listCases = route(casesApi.listCases, async ({ query, principal }) => deskPage(query, principal.memberId));

export const caseStats = route(casesApi.caseStats, async () => deskStats());

export const createCase = route(casesApi.createCase, async ({ body, principal }) => ({
  case: await staffOpenCase(body, await actorOf(principal)),
}));

export const importCasesHandler = route(casesApi.importCases, async ({ body, principal }) =>
  importCases(body.csv, body.importValidRows, await actorOf(principal)),
);

export const getCase = route(casesApi.getCase, async ({ params }) => caseDetail(params.number));

export const updateCase = route(casesApi.updateCase, async ({ params, body, principal }) =>
  changeCase(params.number, body, await actorOf(principal)),
);

export const addNoteHandler = route(casesApi.addNote, async ({ params, body, principal }) =>
  addNote(params.number, body, await actorOf(principal)),
);

export const replyToMemberHandler = route(casesApi.replyToMember, async ({ params, body, principal }) =>
  replyToMember(params.number, body, await actorOf(principal)),
);
