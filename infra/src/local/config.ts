import { join } from 'node:path';
import { repoRoot } from './dynamodb-local.js';

/** Ports and folders of the local stack; each port can be moved with its variable. */
export interface LocalConfig {
  ports: { web: number; dynamodb: number; s3: number; ses: number; aws: number };
  /** Where DynamoDB Local, S3 and the session secret keep their data; null keeps everything in memory. */
  dataDir: string | null;
  tableName: string;
  appUrl: string;
  mailFrom: string;
  buckets: { uploads: string; periods: string };
}

const port = (name: string, fallback: number) => {
  const value = process.env[name];
  if (!value) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > 65535)
    throw new Error(`${name} must be a port number, got "${value}"`);
  return parsed;
};

export function localConfig(overrides: Partial<LocalConfig> = {}): LocalConfig {
  const ports = overrides.ports ?? {
    web: port('PORT', 3000),
    dynamodb: port('DYNAMODB_PORT', 8000),
    s3: port('S3_PORT', 4569),
    ses: port('SES_PORT', 8005),
    aws: port('AWS_STANDIN_PORT', 4510),
  };
  return {
    ports,
    dataDir: overrides.dataDir === undefined ? join(repoRoot, '.data') : overrides.dataDir,
    tableName: overrides.tableName ?? 'arbor',
    appUrl: overrides.appUrl ?? `http://localhost:${ports.web}`,
    mailFrom: overrides.mailFrom ?? 'Arbor <no-reply@arbor.local>',
    buckets: overrides.buckets ?? { uploads: 'arbor-uploads', periods: 'arbor-periods' },
  };
}

export const PORT_VARIABLES: Record<keyof LocalConfig['ports'], string> = {
  web: 'PORT',
  dynamodb: 'DYNAMODB_PORT',
  s3: 'S3_PORT',
  ses: 'SES_PORT',
  aws: 'AWS_STANDIN_PORT',
};
