import { z } from 'zod';
import { MemberId } from '../members/model.js';
import { PageQuery, pageOf } from '../paging.js';
import { SupportSearchQuery, SupportSearchResult } from '../support/search.js';
import { LoginHistoryPage } from './auth.js';
import { endpoint, STAFF } from './endpoint.js';

/** Support's views of a member's account. */
export const supportApi = {
  search: endpoint({
    auth: STAFF,
    summary:
      'Find a member by ID, username, email, first or last name or both in either order, phone (its last digits), company name or the last 4 of a saved card; accents and case ignored, best match first, paged.',
    query: SupportSearchQuery,
    response: pageOf(SupportSearchResult),
  }),
  memberLoginHistory: endpoint({
    auth: STAFF,
    summary: "A member's sign-ins, for support (the look is written to the member's log).",
    params: z.object({ id: MemberId }),
    query: PageQuery,
    response: LoginHistoryPage,
  }),
};
