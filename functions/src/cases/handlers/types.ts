import { casesApi } from '@arbor/shared/api/cases';
import { route } from '../../lib/http.js';
import { activeTypeNames, caseTypes, saveCaseType } from '../service.js';

export const listCaseTypes = route(casesApi.listCaseTypes, async () => ({ items: await activeTypeNames() }));

export const adminListCaseTypes = route(casesApi.adminListCaseTypes, async () => ({ items: await caseTypes() }));

export const adminPutCaseType = route(casesApi.adminPutCaseType, async ({ params, body }) => ({
  type: await saveCaseType(params.id, body),
}));
