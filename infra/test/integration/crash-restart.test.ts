import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { Period } from '@arbor/shared/commissions/records';
import { keys } from '@arbor/shared/keys';
import { periodItem } from '../../../functions/src/commissions/repository/periods.js';
import type { LocalConfig } from '../../src/local/config.js';
import { isPortFree, isRunning, type ProcessRecord } from '../../src/local/processes.js';

/**
 * `npm start` after a crash: the stack runs in a subprocess (DynamoDB Local's
 * java and the SES stand-in as its children), is killed with SIGKILL, and a
 * second start on the same ports and data must come up.
 */
interface Ready {
  pid: number;
  watchdog: number;
  children: ProcessRecord[];
  lines: string[];
}

const fixture = resolve(import.meta.dirname, 'fixtures', 'stack-process.ts');
let dataDir: string;
let config: { ports: LocalConfig['ports']; dataDir: string };

/**
 * Ports below the OS's ephemeral range: these tests hold their ports across
 * several starts and stops, and a port from that range can be taken meanwhile
 * as the local end of any outbound connection (the other suites open many).
 */
async function portsOutsideEphemeralRange(): Promise<LocalConfig['ports']> {
  const chosen = new Set<number>();
  while (chosen.size < 5) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (!chosen.has(port) && (await isPortFree(port))) chosen.add(port);
  }
  const [web, dynamodb, s3, ses, aws] = [...chosen] as [number, number, number, number, number];
  return { web, dynamodb, s3, ses, aws };
}
const started: ChildProcess[] = [];
const seen = new Set<number>();

function startStack(options: { jobs?: boolean } = {}): Promise<{ process: ChildProcess; ready: Ready }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture], {
    env: { ...process.env, STACK_CONFIG: JSON.stringify(config), STACK_JOBS: options.jobs ? '1' : '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let output = '';
  return new Promise((resolvePromise, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n').find((l) => l.startsWith('{"ready":true'));
      if (!line) return;
      const ready = JSON.parse(line) as Ready;
      for (const record of ready.children) seen.add(record.pid);
      seen.add(ready.watchdog);
      resolvePromise({ process: child, ready });
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code, signal) =>
      reject(new Error(`the stack exited (${code ?? signal}) before it was ready:\n${output}`)),
    );
  });
}

/** The subprocess stack's DynamoDB Local, straight. */
const tableClient = () =>
  DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: `http://127.0.0.1:${config.ports.dynamodb}` }));

async function gone(pids: number[], timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (pids.some(isRunning)) {
    if (Date.now() > deadline) throw new Error(`still running: ${pids.filter(isRunning).join(', ')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function stopStack(stack: { process: ChildProcess; ready: Ready }) {
  stack.process.kill('SIGTERM');
  await gone([stack.ready.pid, ...stack.ready.children.map((c) => c.pid)]);
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'arbor-crash-'));
  config = { ports: await portsOutsideEphemeralRange(), dataDir };
});

afterAll(async () => {
  for (const child of started) child.kill('SIGKILL');
  for (const pid of seen) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // Already gone, as it should be.
    }
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a stack killed with SIGKILL', () => {
  it('takes its children with it, and the next start on the same ports succeeds', { timeout: 120_000 }, async () => {
    const first = await startStack();
    const children = first.ready.children.map((c) => c.pid);
    expect(first.ready.children.map((c) => c.name).sort()).toEqual(['DynamoDB Local', 'aws-ses-v2-local']);
    expect(children.every(isRunning)).toBe(true);

    // A close was writing when the stack died: its period is locked by an execution that dies with it.
    const table = tableClient();
    await table.send(
      new PutCommand({
        TableName: 'arbor',
        Item: periodItem({
          ...Period.parse({
            id: '2026-10',
            kind: 'monthly',
            start: '2026-10-01T05:00:00.000Z',
            end: '2026-11-01T05:00:00.000Z',
            state: 'calculating',
            planId: 'default',
            runId: 'killed-run',
            executionArn: 'arn:aws:states:us-east-1:000000000000:execution:period-close:killed',
            leaseUntil: new Date(Date.now() + 3_600_000).toISOString(),
            progress: { step: 'writing', done: 1, total: 3, at: new Date().toISOString() },
            totals: null,
            calculatedAt: null,
            finalizedAt: null,
            paidAt: null,
            resultKey: null,
            version: 3,
          }),
        }),
      }),
    );

    first.process.kill('SIGKILL');
    // The watchdog notices its parent is gone and stops java and the SES stand-in, then itself.
    await gone([...children, first.ready.watchdog]);

    const second = await startStack({ jobs: true });
    expect(second.ready.children).toHaveLength(2);
    // The restarted stack released the interrupted calculation: the period can be calculated again.
    expect(second.ready.lines.some((line) => line.includes('calculation of 2026-10 was interrupted'))).toBe(true);
    const after = await table.send(new GetCommand({ TableName: 'arbor', Key: keys.period('2026-10') }));
    expect(after.Item).toMatchObject({ state: 'open', leaseUntil: null, progress: { step: 'failed' } });
    await stopStack(second);
  });

  it(
    'when even its watchdog was killed, the next start recognises its leftovers and clears them',
    { timeout: 120_000 },
    async () => {
      const first = await startStack();
      const children = first.ready.children.map((c) => c.pid);
      process.kill(first.ready.watchdog, 'SIGKILL');
      await gone([first.ready.watchdog]);
      first.process.kill('SIGKILL');
      await gone([first.ready.pid]);
      // Orphans now: java still holds the DynamoDB port.
      expect(children.every(isRunning)).toBe(true);

      const second = await startStack();
      expect(children.some(isRunning)).toBe(false);
      expect(second.ready.lines.filter((line) => line.startsWith('stopped '))).toHaveLength(2);
      await stopStack(second);
    },
  );
});
