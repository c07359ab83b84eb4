import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** A child process the runtime owns and must stop on exit (no stray java). */
export interface Child {
  name: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

const children = new Set<Child>();

export function startChild(
  name: string,
  command: string,
  args: string[],
  options: { cwd?: string; quiet?: boolean } = {},
): Child {
  const child = spawn(command, args, {
    cwd: options.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Own process group, so stopping it also stops anything it started.
    detached: true,
  });
  let output = '';
  let stopRequested = false;
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const handle: Child = {
    name,
    process: child,
    stop: () =>
      new Promise((resolve) => {
        stopRequested = true;
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 3000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        killGroup(child, 'SIGTERM');
      }),
  };
  child.once('exit', (code, signal) => {
    children.delete(handle);
    if (!stopping && !stopRequested && code !== 0 && signal === null && !options.quiet) {
      console.error(`${name} exited with code ${code}. Its last output:\n${output}`);
    }
  });
  children.add(handle);
  return handle;
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
}

let stopping = false;
export async function stopAllChildren(): Promise<void> {
  stopping = true;
  await Promise.all([...children].map((child) => child.stop()));
}

// Last resort: if the runtime dies without its orderly stop, do not leave children behind.
process.once('exit', () => {
  for (const child of children) killGroup(child.process, 'SIGKILL');
});

/** True when nothing listens on the port (on 127.0.0.1). */
export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/** A free port chosen by the OS (tests use these so suites never collide). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} did not become ready within ${timeoutMs / 1000} s`);
}

export async function httpReachable(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(1000) });
    return true;
  } catch {
    return false;
  }
}
