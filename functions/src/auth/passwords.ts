import { argon2id, argon2Verify } from 'hash-wasm';
import { randomBytes } from 'node:crypto';

/**
 * argon2id with OWASP's minimum (19 MiB, 2 passes, 1 lane), in WebAssembly so
 * the Lambda bundle carries no native module. The PHC string keeps the
 * parameters, so they can be raised later and old hashes still verify.
 */
const PARAMS = { iterations: 2, memorySize: 19_456, parallelism: 1, hashLength: 32 } as const;

export async function hashPassword(password: string): Promise<string> {
  return argon2id({ password: password.normalize('NFKC'), salt: randomBytes(16), ...PARAMS, outputType: 'encoded' });
}

export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  try {
    return await argon2Verify({ password: password.normalize('NFKC'), hash });
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;
/** Spend the same time for an unknown login as for a wrong password, so timing tells nothing. */
export async function burnVerifyTime(password: string): Promise<void> {
  dummyHash ??= hashPassword('arbor-timing-equalizer');
  await verifyPassword(password, await dummyHash);
}
