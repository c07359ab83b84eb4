import { randomBytes } from 'node:crypto';
import { takesOwnText, templateSendableAs, type EmailTemplate, type TemplateInput } from '@arbor/shared/comms/model';
import { NotFoundError, staleVersionError } from '@arbor/shared/errors';
import type { Principal } from '../auth/principal.js';
import { getTemplate, insertTemplate, listTemplates, replaceTemplate } from './repository.js';

const newTemplateId = () =>
  `tpl_${BigInt(`0x${randomBytes(8).toString('hex')}`)
    .toString(36)
    .padStart(12, '0')
    .slice(-12)}`;

/** Templates a sender may pick: active ones for its kind (partners, or staff for announcements), by name. */
export async function templatesFor(principal: Principal) {
  const type = principal.role === 'partner' ? 'partner' : 'announcement';
  return (await listTemplates())
    .filter((t) => templateSendableAs(t, type))
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
  // The input replaces the template: a description it leaves out is gone.
  const { description: _replaced, ...kept } = current;
  const next: EmailTemplate = {
    ...kept,
    ...fields,
    ownText: takesOwnText(fields.content),
    updatedAt: new Date().toISOString(),
    updatedBy: principal.memberId,
    version: current.version + 1,
  };
  if (current.version !== version || !(await replaceTemplate(next, version))) {
    throw staleVersionError('Someone saved this template since you loaded it. Reload it and apply your change again.');
  }
  return next;
}
