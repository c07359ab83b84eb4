import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { startChild, waitFor, httpReachable, type Child } from './processes.js';

/**
 * DynamoDB Local is AWS's own engine. Its jar ships inside the npm package
 * amplify-dynamodb-simulator, whose dependencies we do not want (350 MB): we
 * fetch just that package's tarball from the npm registry, check it against
 * the pinned integrity, and unpack only its emulator/ folder (64 MB, ~2 s).
 */
const PACKAGE = 'amplify-dynamodb-simulator';
const VERSION = '2.9.30';
const INTEGRITY = 'sha512-xTeeRLvzEfqyd5lh3bH4c0kHvSHHmmhD5ZDsHFKAQ5g2Zl6JqlFdutaQhCLHzxEp6Ry1o7TB6niIoXuQAnSewQ==';

export const repoRoot = resolve(import.meta.dirname, '../../..');
const cacheDir = join(repoRoot, 'node_modules', '.cache', 'arbor-dynamodb-local', VERSION);

export function dynamoDbLocalDir(): string {
  return join(cacheDir, 'emulator');
}

export function ensureDynamoDbLocal(): string {
  const dir = dynamoDbLocalDir();
  if (existsSync(join(dir, 'DynamoDBLocal.jar'))) return dir;
  const work = mkdtempSync(join(tmpdir(), 'arbor-ddb-'));
  try {
    const name = execFileSync('npm', ['pack', `${PACKAGE}@${VERSION}`, '--silent', '--pack-destination', work], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    })
      .trim()
      .split('\n')
      .pop();
    if (!name) throw new Error(`npm pack ${PACKAGE}@${VERSION} printed no file name`);
    const tarball = join(work, name);
    const digest = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
    if (digest !== INTEGRITY) throw new Error(`${PACKAGE}@${VERSION} failed its integrity check (${digest})`);
    execFileSync('tar', ['xzf', tarball, '-C', work, 'package/emulator']);
    mkdirSync(cacheDir, { recursive: true });
    renameSync(join(work, 'package', 'emulator'), dir);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return dir;
}

export interface DynamoDbLocalOptions {
  port: number;
  /** Directory for the database file; omit for an in-memory database (tests, benchmarks). */
  dbPath?: string;
}

export async function startDynamoDbLocal({ port, dbPath }: DynamoDbLocalOptions): Promise<Child> {
  const dir = ensureDynamoDbLocal();
  if (dbPath) mkdirSync(dbPath, { recursive: true });
  const args = [
    `-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`,
    '-jar',
    join(dir, 'DynamoDBLocal.jar'),
    '-port',
    String(port),
    '-disableTelemetry',
    // One database whatever the credentials (otherwise each access key gets its own).
    '-sharedDb',
    ...(dbPath ? ['-dbPath', dbPath] : ['-inMemory']),
  ];
  const child = startChild('DynamoDB Local', 'java', args, { cwd: dir });
  await waitFor('DynamoDB Local', () => httpReachable(`http://127.0.0.1:${port}`));
  return child;
}
