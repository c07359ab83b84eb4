import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { CompanySettings } from '@arbor/shared/company';
import { keys } from '@arbor/shared/keys';
import { db } from '../lib/aws.js';
import { env } from '../lib/env.js';
import { stripKeys, type Item } from '../lib/db.js';

export function settingsItem(settings: CompanySettings): Item {
  return { ...keys.companySettings(), entity: 'companySettings', ...settings };
}

export async function getCompanySettings(): Promise<CompanySettings | null> {
  const result = await db().send(new GetCommand({ TableName: env.tableName(), Key: keys.companySettings() }));
  return result.Item ? CompanySettings.parse(stripKeys(result.Item)) : null;
}
