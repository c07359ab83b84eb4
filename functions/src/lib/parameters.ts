import { BaseProvider } from '@aws-lambda-powertools/parameters/base';
import { GetParameterError } from '@aws-lambda-powertools/parameters/errors';
import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import { secretsClient } from './aws.js';

/**
 * Configuration a warm function keeps for a while instead of reading it on
 * every request, in Powertools Parameters' cache (each value for its maxAge):
 * values of our table, read by their area's store (the plan's rank names,
 * the catalog), and secrets from Secrets Manager.
 */

const loaders = new Map<string, () => Promise<unknown>>();

/** A Parameters provider whose values come from store functions of the app, by name. */
class StoreProvider extends BaseProvider {
  constructor() {
    super({});
  }

  protected _get(name: string): Promise<unknown> {
    const load = loaders.get(name);
    if (!load) throw new Error(`no loader for the cached value ${name}`);
    return load();
  }

  protected _getMultiple(): Promise<Record<string, unknown>> {
    throw new Error('cached values are read one by one');
  }
}

const store = new StoreProvider();

/** Parameters wraps the reader's error; the caller sees the reader's own (a database error stays one). */
async function unwrapped<T>(read: Promise<unknown>): Promise<T> {
  try {
    return (await read) as T;
  } catch (error) {
    throw error instanceof GetParameterError && error.cause instanceof Error ? error.cause : error;
  }
}

/**
 * A value read by `load` and kept for `maxAgeSeconds`; returns its getter.
 * A value that is not there (undefined) is not kept.
 */
export function cachedValue<T>(name: string, maxAgeSeconds: number, load: () => Promise<T>): () => Promise<T> {
  loaders.set(name, load);
  const read = async (): Promise<T> => {
    const generation = generations.get(name) ?? 0;
    // After a forget, every read goes to the store until one that started after it has kept its value:
    // readers that overlap the first one must not be answered from the old cache meanwhile.
    const forceFetch = keptGeneration.get(name) !== generation;
    const value = await unwrapped<T>(store.get(name, { maxAge: maxAgeSeconds, forceFetch }));
    if ((generations.get(name) ?? 0) !== generation) {
      // Forgotten while this read was under way: what it read (and Parameters just kept) may predate
      // the change, so read again.
      keptGeneration.delete(name);
      return read();
    }
    keptGeneration.set(name, generation);
    return value;
  };
  return read;
}

/** How many times each value was forgotten. */
const generations = new Map<string, number>();
/** Which generation the value Parameters keeps was read in (absent: read it again). */
const keptGeneration = new Map<string, number>();

/** The next reads of the value go to its store (after this container changed it, and in tests). */
export function forgetCachedValue(name: string): void {
  generations.set(name, (generations.get(name) ?? 0) + 1);
}

let secrets: SecretsProvider | undefined;

/** A secret's string, kept for `maxAgeSeconds` (so a secret changed by hand, then redeployed, is picked up). */
export async function secretValue(arn: string, maxAgeSeconds: number): Promise<string> {
  secrets ??= new SecretsProvider({ awsSdkV3Client: secretsClient() });
  const value = await unwrapped<unknown>(secrets.get(arn, { maxAge: maxAgeSeconds, throwOnMissing: true }));
  if (typeof value !== 'string' || value === '') throw new Error(`the secret ${arn} holds no text`);
  return value;
}
