import { createHash, randomBytes } from 'node:crypto';

/** An unguessable token for cookies and emailed links (256 bits). */
export const newToken = () => randomBytes(32).toString('base64url');

/** Only hashes of tokens are stored, so a table read never yields a usable token. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/** Short random suffix that keeps same-millisecond sort keys distinct. */
export const nonce = () => randomBytes(4).toString('hex');

export const nowIso = () => new Date().toISOString();

export const epochSeconds = (date: Date) => Math.floor(date.getTime() / 1000);
