import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AwsError, type ServiceHandler } from './aws-standins.js';

export const LOCAL_KMS_KEY = 'arn:aws:kms:us-east-1:000000000000:key/arbor-local';

/**
 * KMS, locally: GenerateDataKey / Encrypt / Decrypt with one master key kept
 * in the data folder (so encrypted fields survive restarts), encryption
 * context bound as AES-GCM associated data like KMS binds it. Not a security
 * boundary; it only lets the same envelope-encryption code run here.
 */
export function localKmsService(dataDir: string | null): ServiceHandler {
  let master: Buffer;
  if (dataDir) {
    const file = join(dataDir, 'kms-master-key');
    if (!existsSync(file)) {
      mkdirSync(dataDir, { recursive: true });
      writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
    }
    master = Buffer.from(readFileSync(file, 'utf8'), 'base64');
  } else master = randomBytes(32);

  const contextAad = (context: unknown) =>
    Buffer.from(
      JSON.stringify(
        Object.entries((context as Record<string, string> | undefined) ?? {}).sort(([a], [b]) => a.localeCompare(b)),
      ),
    );
  const seal = (plain: Buffer, context: unknown) => {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', master, iv);
    cipher.setAAD(contextAad(context));
    const data = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([Buffer.from([1]), iv, cipher.getAuthTag(), data]).toString('base64');
  };
  const open = (blob: string, context: unknown) => {
    const raw = Buffer.from(blob, 'base64');
    try {
      const decipher = createDecipheriv('aes-256-gcm', master, raw.subarray(1, 13));
      decipher.setAAD(contextAad(context));
      decipher.setAuthTag(raw.subarray(13, 29));
      return Buffer.concat([decipher.update(raw.subarray(29)), decipher.final()]);
    } catch {
      throw new AwsError('InvalidCiphertextException', 'The ciphertext or its encryption context is not valid.');
    }
  };
  const keyId = (input: Record<string, unknown>) =>
    String(input.KeyId ?? 'arn:aws:kms:us-east-1:000000000000:key/local');

  return (operation, input) => {
    switch (operation) {
      case 'GenerateDataKey': {
        const bytes = input.NumberOfBytes ? Number(input.NumberOfBytes) : input.KeySpec === 'AES_128' ? 16 : 32;
        const plain = randomBytes(bytes);
        return {
          KeyId: keyId(input),
          Plaintext: plain.toString('base64'),
          CiphertextBlob: seal(plain, input.EncryptionContext),
        };
      }
      case 'Encrypt':
        return {
          KeyId: keyId(input),
          CiphertextBlob: seal(Buffer.from(String(input.Plaintext), 'base64'), input.EncryptionContext),
        };
      case 'Decrypt':
        return {
          KeyId: keyId(input),
          Plaintext: open(String(input.CiphertextBlob), input.EncryptionContext).toString('base64'),
        };
      default:
        throw new AwsError('UnsupportedOperationException', `KMS ${operation} is not emulated locally.`);
    }
  };
}
