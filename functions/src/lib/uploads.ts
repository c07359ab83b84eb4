import { GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { randomUUID } from 'node:crypto';
import { RuleError } from '@arbor/shared/errors';
import { requireEnv } from './env.js';

let s3: S3Client | undefined;
// s3rver (local) only understands path-style addressing.
const client = () => (s3 ??= new S3Client({ forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3) }));
const bucket = () => requireEnv('UPLOADS_BUCKET');

export interface UploadKind {
  prefix: string;
  contentTypes: readonly string[];
  maxBytes: number;
}

export const UPLOADS = {
  avatar: { prefix: 'avatars', contentTypes: ['image/jpeg', 'image/png', 'image/webp'], maxBytes: 5 * 1024 * 1024 },
  productImage: {
    prefix: 'products',
    contentTypes: ['image/jpeg', 'image/png', 'image/webp'],
    maxBytes: 5 * 1024 * 1024,
  },
  document: {
    prefix: 'documents',
    contentTypes: ['image/jpeg', 'image/png', 'application/pdf'],
    maxBytes: 10 * 1024 * 1024,
  },
} as const satisfies Record<string, UploadKind>;
export type UploadKindName = keyof typeof UPLOADS;

/**
 * A browser uploads straight to S3 with a presigned POST: S3 itself enforces
 * the size and type, and the file never passes through a Lambda. The key is
 * ours (random, under the owner's folder), never the client's.
 */
export async function presignUpload(kind: UploadKindName, owner: string, contentType: string) {
  const spec = UPLOADS[kind];
  if (!spec.contentTypes.includes(contentType as never)) {
    throw new RuleError('unsupported_type', `This upload takes ${spec.contentTypes.join(', ')}.`, [
      {
        field: 'body.contentType',
        rule: 'unsupported_type',
        message: `body.contentType: must be one of ${spec.contentTypes.join(', ')}`,
      },
    ]);
  }
  const key = `${spec.prefix}/${owner}/${randomUUID()}`;
  const post = await createPresignedPost(client(), {
    Bucket: bucket(),
    Key: key,
    Conditions: [
      ['content-length-range', 1, spec.maxBytes],
      ['eq', '$Content-Type', contentType],
    ],
    Fields: { 'Content-Type': contentType },
    Expires: 600,
  });
  return { key, url: post.url, fields: post.fields, maxBytes: spec.maxBytes };
}

/** Checks an uploaded object before a record points at it (belt and braces for the local stand-in). */
export async function verifyUpload(kind: UploadKindName, owner: string, key: string, field: string): Promise<void> {
  const spec = UPLOADS[kind];
  const fail = (message: string) =>
    new RuleError('invalid_upload', message, [{ field, rule: 'invalid_upload', message: `${field}: ${message}` }]);
  if (!key.startsWith(`${spec.prefix}/${owner}/`)) throw fail('is not an upload of yours');
  try {
    const head = await client().send(new HeadObjectCommand({ Bucket: bucket(), Key: key }));
    if ((head.ContentLength ?? 0) > spec.maxBytes) throw fail('is too large');
    if (!spec.contentTypes.includes((head.ContentType ?? '') as never)) throw fail('has a type that is not allowed');
  } catch (error) {
    if (error instanceof RuleError) throw error;
    throw fail('was not uploaded');
  }
}

/** An image as a browser can load it: an https URL as it is, an upload through a short-lived link. */
export const imageUrl = (image: string) => (image.startsWith('https://') ? Promise.resolve(image) : signedUrl(image));

/** A short-lived link to show an upload (avatars in the tree, documents to support). */
export function signedUrl(key: string, seconds = 900): Promise<string> {
  return getSignedUrl(client(), new GetObjectCommand({ Bucket: bucket(), Key: key }), { expiresIn: seconds });
}
