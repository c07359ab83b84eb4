import { GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { randomUUID } from 'node:crypto';
import { RuleError, ValidationError } from '@arbor/shared/errors';
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
  /** Images of news articles (a cover, or in the body's Markdown): `news/articles/<id>`. */
  newsImage: {
    prefix: 'news',
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

/** The first bytes of each type we take: what a file IS, whatever type it was declared as. */
const SIGNATURES: readonly { type: string; matches: (head: Uint8Array) => boolean }[] = [
  { type: 'image/png', matches: (h) => startsWith(h, [0x89, 0x50, 0x4e, 0x47]) },
  { type: 'image/jpeg', matches: (h) => startsWith(h, [0xff, 0xd8, 0xff]) },
  { type: 'image/gif', matches: (h) => ascii(h, 0, 'GIF87a') || ascii(h, 0, 'GIF89a') },
  { type: 'image/webp', matches: (h) => ascii(h, 0, 'RIFF') && ascii(h, 8, 'WEBP') },
  { type: 'application/pdf', matches: (h) => ascii(h, 0, '%PDF-') },
];
const startsWith = (head: Uint8Array, bytes: readonly number[]) => bytes.every((b, i) => head[i] === b);
const ascii = (head: Uint8Array, at: number, text: string) =>
  [...text].every((char, i) => head[at + i] === char.charCodeAt(0));

/** The type a file's first bytes say it is (PNG, JPEG, GIF, WebP, PDF), or null. */
export function sniffType(head: Uint8Array): string | null {
  return SIGNATURES.find((signature) => signature.matches(head))?.type ?? null;
}

const HEAD_BYTES = 16;
const describeTypes = (types: readonly string[]) =>
  types.map((type) => type.replace(/^(image|application)\//, '').toUpperCase()).join(', ');

/**
 * Checks an uploaded object before a record points at it. S3 enforces the
 * POST policy's size and declared type, but a declared type is only a claim:
 * an HTML page posted as image/png would be served back as a page. So the
 * object's size is checked again (HeadObject) and its first bytes (a ranged
 * GetObject) must be one of the kind's types. A key that is not the caller's,
 * or not there, is a 422; a file that is too big, empty or not what it claims
 * is a 400; either names the field.
 */
export async function verifyUpload(kind: UploadKindName, owner: string, key: string, field: string): Promise<void> {
  const spec = UPLOADS[kind];
  const refuse = (message: string) =>
    new RuleError('invalid_upload', message, [{ field, rule: 'invalid_upload', message: `${field}: ${message}` }]);
  const invalid = (rule: string, message: string) =>
    new ValidationError(`${field}: ${message}`, [{ field, rule, message: `${field}: ${message}` }]);
  if (!key.startsWith(`${spec.prefix}/${owner}/`)) throw refuse('is not an upload of yours');
  let size: number;
  let declared: string;
  try {
    const head = await client().send(new HeadObjectCommand({ Bucket: bucket(), Key: key }));
    size = head.ContentLength ?? 0;
    declared = head.ContentType ?? '';
  } catch {
    throw refuse('was not uploaded');
  }
  // S3 serves the object with its declared type, so that must be allowed too (not only the bytes).
  if (!spec.contentTypes.includes(declared as never)) {
    throw invalid('wrong_type', `was uploaded as ${declared || 'no type'}, not ${spec.contentTypes.join(', ')}`);
  }
  if (size > spec.maxBytes) throw invalid('too_large', `is larger than ${Math.floor(spec.maxBytes / 1048576)} MB`);
  if (size === 0) throw invalid('empty', 'is an empty file');
  const object = await client().send(
    new GetObjectCommand({ Bucket: bucket(), Key: key, Range: `bytes=0-${HEAD_BYTES - 1}` }),
  );
  const head = (await object.Body?.transformToByteArray())?.subarray(0, HEAD_BYTES) ?? new Uint8Array();
  const actual = sniffType(head);
  if (!actual || !spec.contentTypes.includes(actual as never)) {
    throw invalid('wrong_content', `is not a ${describeTypes(spec.contentTypes)} file`);
  }
}

/** An image as a browser can load it: an https URL as it is, an upload through a short-lived link. */
export const imageUrl = (image: string) => (image.startsWith('https://') ? Promise.resolve(image) : signedUrl(image));

/** A short-lived link to show an upload (avatars in the tree, documents to support). */
export function signedUrl(key: string, seconds = 900): Promise<string> {
  return getSignedUrl(client(), new GetObjectCommand({ Bucket: bucket(), Key: key }), { expiresIn: seconds });
}
