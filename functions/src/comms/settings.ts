import { DEFAULT_MAIL_SETTINGS, type MailSettings } from '@arbor/shared/comms/model';
import { ConflictError } from '@arbor/shared/errors';
import type { Principal } from '../auth/principal.js';
import { getMailSettings, putMailSettings } from './repository.js';

/** The mail settings as stored, with defaults for what was never set (the postal address has none). */
export async function currentMailSettings(): Promise<Omit<MailSettings, 'postalAddress'> & { postalAddress?: string }> {
  const stored = await getMailSettings();
  return {
    ...DEFAULT_MAIL_SETTINGS,
    ...Object.fromEntries(Object.entries(stored ?? {}).filter(([, value]) => value !== undefined)),
  };
}

/** The settings a broadcast is sent with: it cannot go without the company's postal address. */
export async function mailSettings(): Promise<MailSettings> {
  const { postalAddress, ...settings } = await currentMailSettings();
  if (!postalAddress) {
    throw new ConflictError(
      "The company's postal address is not set (Admin → Email settings): broadcasts must carry it.",
      'mail_settings_incomplete',
    );
  }
  return { ...settings, postalAddress };
}

export async function saveMailSettings(principal: Principal, settings: MailSettings): Promise<MailSettings> {
  await putMailSettings(settings, principal.memberId);
  return settings;
}
