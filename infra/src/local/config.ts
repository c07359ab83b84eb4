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

/** Free ports for a whole stack (tests and benchmarks run beside `npm start` without clashing). */
export async function freePorts(): Promise<LocalConfig['ports']> {
  const { freePort } = await import('./processes.js');
  return {
    web: await freePort(),
    dynamodb: await freePort(),
    s3: await freePort(),
    ses: await freePort(),
    aws: await freePort(),
  };
}

/** Points this process at a running `npm start` (CLI commands use its stand-ins and table). */
export async function useRunningStack(config: LocalConfig): Promise<void> {
  const { functionEnv, localEndpointEnv } = await import('../function-env.js');
  Object.assign(
    process.env,
    localEndpointEnv({
      dynamodb: `http://127.0.0.1:${config.ports.dynamodb}`,
      s3: `http://127.0.0.1:${config.ports.s3}`,
      ses: `http://127.0.0.1:${config.ports.ses}`,
      aws: `http://127.0.0.1:${config.ports.aws}`,
    }),
    functionEnv({
      tableName: config.tableName,
      appUrl: config.appUrl,
      mailFrom: config.mailFrom,
      uploadsBucket: config.buckets.uploads,
      periodsBucket: config.buckets.periods,
      kmsKeyId: '',
    }),
    // `npm start` keeps its data on disk (unless --in-memory): bulk loads write 100 items per request there.
    { BULK_WRITE_MODE: 'transact' },
  );
}
