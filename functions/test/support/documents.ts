import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { randomUUID } from 'node:crypto';
import { requireEnv } from '../../src/lib/env.js';

/** A one-pixel PNG: a real image by its bytes, as the upload check wants. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

let s3: S3Client | undefined;

/**
 * Puts an identity document into the uploads bucket where a presigned document upload for `ownerId` would
 * (test arrangement: the presigned POST itself is tested in uploads.test.ts). Returns its key.
 */
export async function putDocument(ownerId: string, bytes: Uint8Array = PNG, contentType = 'image/png') {
  s3 ??= new S3Client({ forcePathStyle: true });
  const key = `documents/${ownerId}/${randomUUID()}`;
  await s3.send(
    new PutObjectCommand({ Bucket: requireEnv('UPLOADS_BUCKET'), Key: key, Body: bytes, ContentType: contentType }),
  );
  return key;
}
