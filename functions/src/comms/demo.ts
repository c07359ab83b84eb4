import { DEFAULT_MAIL_SETTINGS, takesOwnText } from '@arbor/shared/comms/model';
import { DEMO_POSTAL_ADDRESS, DEMO_TEMPLATES } from '@arbor/shared/demo/email-templates';
import { keys } from '@arbor/shared/keys';
import type { Item } from '../lib/db.js';
import { templateItem } from './repository.js';

/** The demo company's email templates and mail settings (postal address, the default rate and daily limit). */
export function commsSeedItems(now: string): Item[] {
  return [
    ...DEMO_TEMPLATES.map((template) =>
      templateItem({
        ...template,
        active: true,
        ownText: takesOwnText(template.content),
        createdAt: now,
        updatedAt: now,
        updatedBy: 'seed',
        version: 1,
      }),
    ),
    { ...keys.mailSettings(), entity: 'mailSettings', postalAddress: DEMO_POSTAL_ADDRESS, ...DEFAULT_MAIL_SETTINGS },
  ];
}
