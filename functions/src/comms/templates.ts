import { randomBytes } from 'node:crypto';
import { takesOwnText, type EmailTemplate, type MailSettings, type TemplateInput } from '@arbor/shared/comms/model';
import { ConflictError, NotFoundError } from '@arbor/shared/errors';
import type { Principal } from '../auth/principal.js';
import {
  getMailSettings,
  getTemplate,
  insertTemplate,
  listTemplates,
  putMailSettings,
  replaceTemplate,
} from './repository.js';
import { DEFAULT_MAIL_SETTINGS } from '@arbor/shared/comms/model';

const newTemplateId = () =>
  `tpl_${BigInt(`0x${randomBytes(8).toString('hex')}`)
    .toString(36)
    .padStart(12, '0')
    .slice(-12)}`;

/** Templates a sender may pick: active ones for its kind (partners, or staff for announcements), by name. */
export async function templatesFor(principal: Principal) {
  const usable = principal.role === 'partner' ? ['partners', 'both'] : ['staff', 'both'];
  return (await listTemplates())
    .filter((t) => t.active && usable.includes(t.use))
    .map(({ id, name, description, content, ownText }) => ({
      id,
      name,
      ...(description ? { description } : {}),
      content,
      ownText,
    }));
}

export const allTemplates = () => listTemplates();

export async function createTemplate(principal: Principal, input: TemplateInput): Promise<EmailTemplate> {
  const now = new Date().toISOString();
  const template: EmailTemplate = {
    id: newTemplateId(),
    ...input,
    ownText: takesOwnText(input.content),
    createdAt: now,
    updatedAt: now,
    updatedBy: principal.memberId,
    version: 1,
  };
  await insertTemplate(template);
  return template;
}

/** Replaces a template on its version: a concurrent save is a 409, never lost. */
export async function updateTemplate(
  principal: Principal,
  id: string,
  input: TemplateInput & { version: number },
): Promise<EmailTemplate> {
  const current = await getTemplate(id);
  if (!current) throw new NotFoundError('No template with that id.', 'template_not_found');
  const { version, ...fields } = input;
  const next: EmailTemplate = {
    ...current,
    ...fields,
    ...(fields.description === undefined ? { description: undefined } : {}),
    ownText: takesOwnText(fields.content),
    updatedAt: new Date().toISOString(),
    updatedBy: principal.memberId,
    version: current.version + 1,
  };
  if (next.description === undefined) delete next.description;
  if (current.version !== version || !(await replaceTemplate(next, version))) {
    throw new ConflictError(
      'Someone saved this template since you loaded it. Reload it and apply your change again.',
      'version_conflict',
      [{ field: 'body.version', rule: 'stale', message: 'body.version: is not the current version' }],
    );
  }
  return next;
}

/** The mail settings as stored, with defaults for what was never set (the postal address has none). */
export async function currentMailSettings(): Promise<Omit<MailSettings, 'postalAddress'> & { postalAddress?: string }> {
  const stored = await getMailSettings();
  return {
    ...DEFAULT_MAIL_SETTINGS,
    ...Object.fromEntries(Object.entries(stored ?? {}).filter(([, value]) => value !== undefined)),
  };
}

export async function saveMailSettings(principal: Principal, settings: MailSettings): Promise<MailSettings> {
  await putMailSettings(settings, principal.memberId);
  return settings;
}
