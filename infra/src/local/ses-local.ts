import { join } from 'node:path';
import { repoRoot } from './dynamodb-local.js';
import { httpReachable, startChild, waitFor, type Child } from './processes.js';

/** aws-ses-v2-local as one child process (npx would leave a stray node behind). */
export async function startSesLocal(port: number): Promise<Child> {
  const cli = join(repoRoot, 'node_modules', 'aws-ses-v2-local', 'dist', 'cli.js');
  const child = startChild('aws-ses-v2-local', process.execPath, [cli, '--host', '127.0.0.1', '--port', String(port)]);
  await waitFor('aws-ses-v2-local', () => httpReachable(`http://127.0.0.1:${port}/store`));
  return child;
}

export interface StoredEmail {
  messageId: string;
  from: string;
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
  /** Extra headers the sender set (a broadcast's List-Unsubscribe). */
  headers?: { name: string; value: string }[];
  at: number;
}

/** The mail the stand-in has "sent" (tests read it). */
export async function sentEmails(port: number): Promise<StoredEmail[]> {
  const response = await fetch(`http://127.0.0.1:${port}/store`);
  const store = (await response.json()) as { emails: StoredEmail[] };
  return store.emails;
}
