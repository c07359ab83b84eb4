import { commsApi } from '@arbor/shared/api/comms';
import { route } from '../../lib/http.js';
import { unsubscribe as optOut, unsubscribeInfo as info } from '../unsubscribe.js';

export const unsubscribeInfo = route(commsApi.unsubscribeInfo, ({ query }) => info(query.m, query.t));

/** One-click (RFC 8058): a mail client POSTs `List-Unsubscribe=One-Click` here; the body is not read. */
export const unsubscribe = route(commsApi.unsubscribe, async ({ query }) => {
  await optOut(query.m, query.t);
  return { optedOut: true as const };
});
