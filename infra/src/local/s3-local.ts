import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

const CORS = `<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod><AllowedMethod>POST</AllowedMethod><AllowedMethod>PUT</AllowedMethod><AllowedMethod>HEAD</AllowedMethod><AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule></CORSConfiguration>`;

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
    // The browser uploads straight to the bucket from the app's origin (presigned POST), so CORS is on.
    configureBuckets: buckets.map((name) => ({ name, configs: [CORS] })),
    // Presigned URLs are signed for the public host name; accept them locally.
    allowMismatchedSignatures: true,
  });
  await server.run();
  return server;
}
