import { supportApi } from '@arbor/shared/api/support';
import { route } from '../../lib/http.js';
import { searchMembers } from '../search.js';

/** Staff find anyone from one box (functions/src/support/search.ts); partners use genealogy.search. */
export const handler = route(supportApi.search, async ({ query }) => searchMembers(query.q, query.limit, query.cursor));
