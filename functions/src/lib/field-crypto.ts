import { DecryptCommand, GenerateDataKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { EncryptedField } from '@arbor/shared/members/model';
import { requireEnv } from './env.js';

let kms: KMSClient | undefined;
const client = () => (kms ??= new KMSClient({}));

/** Binds a ciphertext to its member and field: a value copied onto another record will not decrypt. */
export interface FieldContext {
  memberId: string;
  field: string;
}

const aad = (context: FieldContext) => Buffer.from(`${context.memberId}:${context.field}`, 'utf8');

/**
 * Envelope encryption of a sensitive field (tax id, document number): a fresh
 * KMS data key per value, AES-256-GCM locally, and only the encrypted data key
 * stored beside the ciphertext. The clear last 4 characters are kept for display.
 */
export async function encryptField(plaintext: string, context: FieldContext): Promise<EncryptedField> {
  const dataKey = await client().send(
    new GenerateDataKeyCommand({
      KeyId: requireEnv('KMS_KEY_ID'),
      KeySpec: 'AES_256',
      EncryptionContext: { memberId: context.memberId, field: context.field },
    }),
  );
  if (!dataKey.Plaintext || !dataKey.CiphertextBlob) throw new Error('KMS returned no data key');
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', dataKey.Plaintext, iv);
  cipher.setAAD(aad(context));
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  dataKey.Plaintext.fill(0);
  return {
    last4: plaintext.replace(/\s/g, '').slice(-4),
    keyId: dataKey.KeyId ?? requireEnv('KMS_KEY_ID'),
    encryptedKey: Buffer.from(dataKey.CiphertextBlob).toString('base64'),
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
}

/** Only the functions granted kms:Decrypt (payout exports) can call this successfully in AWS. */
export async function decryptField(field: EncryptedField, context: FieldContext): Promise<string> {
  const dataKey = await client().send(
    new DecryptCommand({
      CiphertextBlob: Buffer.from(field.encryptedKey, 'base64'),
      EncryptionContext: { memberId: context.memberId, field: context.field },
    }),
  );
  if (!dataKey.Plaintext) throw new Error('KMS returned no key');
  const decipher = createDecipheriv('aes-256-gcm', dataKey.Plaintext, Buffer.from(field.iv, 'base64'));
  decipher.setAAD(aad(context));
  decipher.setAuthTag(Buffer.from(field.tag, 'base64'));
  const clear = Buffer.concat([decipher.update(Buffer.from(field.data, 'base64')), decipher.final()]).toString('utf8');
  dataKey.Plaintext.fill(0);
  return clear;
}

/** What anyone but the export sees of a sensitive value (null when there is none). */
export function maskLast4(field: Pick<EncryptedField, 'last4'>): string;
export function maskLast4(field: Pick<EncryptedField, 'last4'> | undefined): string | null;
export function maskLast4(field: Pick<EncryptedField, 'last4'> | undefined): string | null {
  return field ? `••••${field.last4}` : null;
}
