import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { requireEnv } from './env.js';

let s3: S3Client | undefined;
// s3rver (local) only understands path-style addressing.
const client = () => (s3 ??= new S3Client({ forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3) }));

/**
 * Large state of the period close (snapshots, results, exports) lives in the
 * periods bucket, never in Step Functions payloads (256 KB) or single items (400 KB).
 */
export const periodsBucket = () => requireEnv('PERIODS_BUCKET');

export async function putObject(
  key: string,
  body: string | Uint8Array,
  contentType = 'application/json',
): Promise<void> {
  await client().send(
    new PutObjectCommand({ Bucket: periodsBucket(), Key: key, Body: body, ContentType: contentType }),
  );
}

export async function putJson(key: string, value: unknown): Promise<void> {
  await putObject(key, JSON.stringify(value));
}

export async function getJson<T>(key: string): Promise<T> {
  const result = await client().send(new GetObjectCommand({ Bucket: periodsBucket(), Key: key }));
  return JSON.parse(await result.Body!.transformToString('utf8')) as T;
}

export async function getJsonIfExists<T>(key: string): Promise<T | null> {
  try {
    return await getJson<T>(key);
  } catch (error) {
    if (
      (error as { name?: string }).name === 'NoSuchKey' ||
      (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404
    ) {
      return null;
    }
    throw error;
  }
}
