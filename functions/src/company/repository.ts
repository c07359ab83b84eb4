import { CompanySettings } from '@arbor/shared/company';
import { keys } from '@arbor/shared/keys';
import { getItem, stripKeys, type Item } from '../lib/db.js';

/** The company's store: its settings (`COMPANY` / `SETTINGS`: name, markets, levels, time zone, rules). */

export function settingsItem(settings: CompanySettings): Item {
  return { ...keys.companySettings(), entity: 'companySettings', ...settings };
}

export async function getCompanySettings(): Promise<CompanySettings | null> {
  const item = await getItem(keys.companySettings());
  return item ? CompanySettings.parse(stripKeys(item)) : null;
}
