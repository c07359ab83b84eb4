import { commsApi } from '@arbor/shared/api/comms';
import { areaRouter } from '../area-router.js';
import {
  cancelBroadcast,
  getBroadcast,
  listAnnouncements,
  listBroadcasts,
  previewAnnouncement,
  previewBroadcast,
  sendAnnouncement,
  sendBroadcast,
} from './handlers/broadcasts.js';
import {
  adminCreateTemplate,
  adminListTemplates,
  adminUpdateTemplate,
  getMailSettings,
  listTemplates,
  updateMailSettings,
} from './handlers/templates.js';
import { unsubscribe, unsubscribeInfo } from './handlers/unsubscribe.js';

export const handler = areaRouter('comms', commsApi, {
  listTemplates,
  previewBroadcast,
  sendBroadcast,
  listBroadcasts,
  getBroadcast,
  cancelBroadcast,
  adminListTemplates,
  adminCreateTemplate,
  adminUpdateTemplate,
  previewAnnouncement,
  sendAnnouncement,
  listAnnouncements,
  getMailSettings,
  updateMailSettings,
  unsubscribeInfo,
  unsubscribe,
});
