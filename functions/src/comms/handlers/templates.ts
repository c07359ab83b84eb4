import { commsApi } from '@arbor/shared/api/comms';
import { route } from '../../lib/http.js';
import { currentMailSettings, saveMailSettings } from '../settings.js';
import { allTemplates, createTemplate, templatesFor, updateTemplate } from '../templates.js';

export const listTemplates = route(commsApi.listTemplates, async ({ principal }) => ({
  items: await templatesFor(principal),
}));

export const adminListTemplates = route(commsApi.adminListTemplates, async () => ({ items: await allTemplates() }));

export const adminCreateTemplate = route(commsApi.adminCreateTemplate, async ({ body, principal }) => ({
  template: await createTemplate(principal, body),
}));

export const adminUpdateTemplate = route(commsApi.adminUpdateTemplate, async ({ params, body, principal }) => ({
  template: await updateTemplate(principal, params.id, body),
}));

export const getMailSettings = route(commsApi.getMailSettings, async () => ({ settings: await currentMailSettings() }));

export const updateMailSettings = route(commsApi.updateMailSettings, async ({ body, principal }) => ({
  settings: await saveMailSettings(principal, body),
}));
