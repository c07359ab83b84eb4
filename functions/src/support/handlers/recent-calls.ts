import { supportApi } from '@arbor/shared/api/support';
import { route } from '../../lib/http.js';
import { recentCalls } from '../calls.js';

/** The company's call log of one month, newest first, filtered by words, channel, agent and dates. */
export const handler = route(supportApi.recentCalls, async ({ query }) => recentCalls(query));
