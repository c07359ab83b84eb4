import { commsApi } from '@arbor/shared/api/comms';
import { route } from '../../lib/http.js';
import {
  broadcastView,
  cancelBroadcast as cancel,
  listAnnouncements as announcements,
  listBroadcasts as broadcasts,
  sendBroadcast as send,
  visibleBroadcast,
} from '../broadcasts.js';
import { previewBroadcast as preview } from '../preview.js';

export const previewBroadcast = route(commsApi.previewBroadcast, ({ body, principal }) =>
  preview(principal, body, 'partner'),
);

export const sendBroadcast = route(commsApi.sendBroadcast, async ({ body, principal }) => ({
  broadcast: await send(principal, body, 'partner'),
}));

export const listBroadcasts = route(commsApi.listBroadcasts, ({ query, principal }) => broadcasts(principal, query));

export const getBroadcast = route(commsApi.getBroadcast, async ({ params, principal }) => ({
  broadcast: broadcastView(await visibleBroadcast(principal, params.id)),
}));

export const cancelBroadcast = route(commsApi.cancelBroadcast, async ({ params, principal }) => ({
  broadcast: await cancel(principal, params.id),
}));

export const previewAnnouncement = route(commsApi.previewAnnouncement, ({ body, principal }) =>
  preview(principal, body, 'announcement'),
);

export const sendAnnouncement = route(commsApi.sendAnnouncement, async ({ body, principal }) => ({
  broadcast: await send(principal, body, 'announcement'),
}));

export const listAnnouncements = route(commsApi.listAnnouncements, ({ query }) => announcements(query));
