import { z } from 'zod';
import { MemberId } from '../members/model.js';
import { PageQuery } from '../paging.js';
import { LoginHistoryPage } from './auth.js';
import { endpoint, STAFF } from './endpoint.js';

/** Support's views of a member's account. */
export const supportApi = {
  memberLoginHistory: endpoint({
    auth: STAFF,
    summary: "A member's sign-ins, for support (the look is written to the member's log).",
    params: z.object({ id: MemberId }),
    query: PageQuery,
    response: LoginHistoryPage,
  }),
};
