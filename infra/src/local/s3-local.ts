import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface S3rverInstance {
  run(): Promise<unknown>;
  close(): Promise<unknown>;
}

/** s3rver in-process, files under the data folder (or a temp folder when in memory). */
export async function startS3Local(port: number, dataDir: string | null, buckets: string[]): Promise<S3rverInstance> {
  const S3rver = require('s3rver') as new (options: Record<string, unknown>) => S3rverInstance;
  const directory = dataDir ? join(dataDir, 's3') : mkdtempSync(join(tmpdir(), 'arbor-s3-'));
  mkdirSync(directory, { recursive: true });
  const server = new S3rver({
    port,
    address: '127.0.0.1',
    silent: true,
    directory,
    configureBuckets: buckets.map((name) => ({ name, configs: [] })),
    // Presigned URLs are signed for the public host name; accept them locally.
    allowMismatchedSignatures: true,
  });
  await server.run();
  return server;
}
