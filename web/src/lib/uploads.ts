/**
 * Uploads straight to S3 with a presigned POST: the API hands out `{ url, fields, key, maxBytes }`,
 * the browser posts a multipart form (every field, then the file) to `url`, and the record then
 * points at `key`. XMLHttpRequest, not fetch, because only it reports upload progress.
 */
import type { Response } from './api';

/** What every upload route answers (members, public join, admin catalog): the same presigned POST. */
export type PresignedPost = Response<'members.presignUpload'>;

export const DOCUMENT_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export const DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;
export const AVATAR_MAX_BYTES = 5 * 1024 * 1024;

export class UploadError extends Error {
  constructor(
    readonly reason: 'too_large' | 'type' | 'network' | 'rejected' | 'aborted',
    message: string = reason,
  ) {
    super(message);
  }
}

/** Posts `file` to the presigned target, reporting the fraction sent (0..1). */
export function postToS3(
  target: PresignedPost,
  file: File,
  onProgress: (fraction: number) => void = () => undefined,
  signal?: AbortSignal,
): Promise<void> {
  if (file.size > target.maxBytes) return Promise.reject(new UploadError('too_large'));
  const form = new FormData();
  for (const [name, value] of Object.entries(target.fields)) form.append(name, value);
  form.append('file', file);
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', target.url);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      if (request.status >= 200 && request.status < 300) {
        onProgress(1);
        resolve();
      } else reject(new UploadError('rejected', `S3 answered ${request.status}`));
    };
    request.onerror = () => reject(new UploadError('network'));
    request.onabort = () => reject(new UploadError('aborted'));
    signal?.addEventListener('abort', () => request.abort(), { once: true });
    request.send(form);
  });
}

/** "2.4 MB" */
export function formatBytes(bytes: number, locale: string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: unit ? 1 : 0 }).format(value)} ${units[unit]}`;
}
