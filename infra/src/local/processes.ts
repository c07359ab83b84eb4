import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { basename, dirname } from 'node:path';

/** A child process the runtime owns and must stop on exit (no stray java). */
export interface Child {
  name: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** What the pid file keeps of a process: enough to recognise it later (pid reuse) and to stop it. */
export interface ProcessRecord {
  name: string;
  pid: number;
  /** The command line it was started with (argv joined by spaces). */
  command: string;
}

const children = new Set<Child>();
const records = new Map<Child, ProcessRecord>();

/**
 * The watchdog: a tiny separate process (plain JavaScript, no loader) that
 * outlives us. We tell it each child's process group on its stdin; when our
 * end of that pipe closes (we exited, however: even kill -9) or our pid stops
 * being its parent, it stops every group it was told of (TERM, then KILL), and
 * exits. It runs in its own process group, so Ctrl-C reaches only us and we
 * stop our children in order, then it finds nothing left to do.
 */
const WATCHDOG_SOURCE = `
const parent = Number(process.argv[1]);
const groups = new Set();
let buffer = '';
let reaping = false;
const alive = (pid) => { try { process.kill(-pid, 0); return true; } catch (e) { return e.code === 'EPERM'; } };
const signal = (sig) => { for (const pid of groups) { try { process.kill(-pid, sig); } catch {} } };
const reap = () => {
  if (reaping) return;
  reaping = true;
  signal('SIGTERM');
  const deadline = Date.now() + 3000;
  const check = setInterval(() => {
    for (const pid of [...groups]) if (!alive(pid)) groups.delete(pid);
    if (groups.size === 0) process.exit(0);
    if (Date.now() > deadline) { signal('SIGKILL'); process.exit(0); }
  }, 50);
};
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  buffer += chunk;
  for (let i = buffer.indexOf('\\n'); i >= 0; i = buffer.indexOf('\\n')) {
    const [op, pid] = buffer.slice(0, i).split(' ');
    buffer = buffer.slice(i + 1);
    if (op === '+') groups.add(Number(pid)); else groups.delete(Number(pid));
  }
});
process.stdin.on('end', reap);
process.stdin.on('close', reap);
process.stdin.on('error', reap);
for (const sig of ['SIGINT', 'SIGHUP', 'SIGTERM']) process.on(sig, () => undefined);
setInterval(() => { if (process.ppid !== parent) reap(); }, 500);
`;

let watchdog: ChildProcess | null = null;

function tellWatchdog(line: string) {
  if (!watchdog) {
    watchdog = spawn(process.execPath, ['-e', WATCHDOG_SOURCE, String(process.pid)], {
      stdio: ['pipe', 'ignore', 'ignore'],
      detached: true,
    });
    watchdog.on('error', () => undefined);
    watchdog.stdin?.on('error', () => undefined);
    // Neither the watchdog nor its pipe keeps this process alive.
    watchdog.unref();
    (watchdog.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  }
  watchdog.stdin?.write(`${line}\n`);
}

/** The watchdog's pid, once a child was started (tests kill it to check the pid file on its own). */
export const watchdogPid = () => watchdog?.pid ?? null;

/** The children running now, as the pid file records them. */
export const childRecords = (): ProcessRecord[] => [...records.values()];

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
    records.delete(handle);
    if (child.pid) tellWatchdog(`- ${child.pid}`);
    writePidFile();
    if (!stopping && !stopRequested && code !== 0 && signal === null && !options.quiet) {
      console.error(`${name} exited with code ${code}. Its last output:\n${output}`);
    }
  });
  children.add(handle);
  if (child.pid) {
    records.set(handle, { name, pid: child.pid, command: [command, ...args].join(' ') });
    tellWatchdog(`+ ${child.pid}`);
    writePidFile();
  }
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

// ---- The pid file: a start recognises and clears what an earlier run of itself left behind.

let pidFile: string | null = null;

/** Keeps this process's children in `file` from now on (the stack calls it after clearing leftovers). */
export function usePidFile(file: string | null): void {
  pidFile = file;
  writePidFile();
}

function writePidFile() {
  if (!pidFile) return;
  try {
    mkdirSync(dirname(pidFile), { recursive: true });
    const owner: ProcessRecord = { name: 'stack', pid: process.pid, command: commandLine(process.pid) ?? '' };
    const temporary = `${pidFile}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify({ owner, children: childRecords() }, null, 2));
    renameSync(temporary, pidFile);
  } catch {
    // Best effort: the watchdog still stops the children.
  }
}

/** Removes the pid file (after an orderly stop, nothing is left to clear). */
export function removePidFile(): void {
  if (pidFile) rmSync(pidFile, { force: true });
  pidFile = null;
}

/** The live command line of a process, or null if there is none (gone, or a zombie). */
export function commandLine(pid: number): string | null {
  try {
    if (process.platform === 'linux') {
      if (/\)\s+Z\s/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))) return null;
      const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
      return argv.length ? argv.join(' ') : null;
    }
    const [stat = '', ...rest] = execFileSync('ps', ['-o', 'stat=,command=', '-p', String(pid)], { encoding: 'utf8' })
      .trim()
      .split(/\s+/);
    return stat.startsWith('Z') || rest.length === 0 ? null : rest.join(' ');
  } catch {
    return null;
  }
}

/** True while the process runs (a zombie counts as gone: it holds no port and no file). */
export const isRunning = (pid: number) => commandLine(pid) !== null;

/** Same program and arguments (argv[0] may have been resolved to a full path). */
function sameCommand(live: string, recorded: string): boolean {
  if (live === recorded) return true;
  const [liveHead = '', ...liveArgs] = live.split(' ');
  const [recordedHead = '', ...recordedArgs] = recorded.split(' ');
  return basename(liveHead) === basename(recordedHead) && liveArgs.join(' ') === recordedArgs.join(' ');
}

/**
 * Before a start: stops the children an earlier run left behind (it was
 * killed and its watchdog with it). Only processes the pid file names AND
 * whose command line is still the recorded one are touched, so a reused pid
 * is safe; if the run that wrote the file is itself still alive, nothing is
 * touched (the port check then names the busy port). Returns what it stopped.
 */
export async function clearLeftovers(file: string, timeoutMs = 10_000): Promise<ProcessRecord[]> {
  if (!existsSync(file)) return [];
  let content: { owner?: ProcessRecord; children?: ProcessRecord[] };
  try {
    content = JSON.parse(readFileSync(file, 'utf8')) as typeof content;
  } catch {
    rmSync(file, { force: true });
    return [];
  }
  const { owner, children: recorded = [] } = content;
  if (owner && owner.pid !== process.pid) {
    const live = commandLine(owner.pid);
    if (live !== null && sameCommand(live, owner.command)) return [];
  }
  const leftovers = recorded.filter((record) => {
    const live = commandLine(record.pid);
    return live !== null && sameCommand(live, record.command);
  });
  const signal = (sig: NodeJS.Signals) => {
    for (const record of leftovers) {
      try {
        process.kill(-record.pid, sig);
      } catch {
        try {
          process.kill(record.pid, sig);
        } catch {
          // Gone meanwhile.
        }
      }
    }
  };
  signal('SIGTERM');
  const deadline = Date.now() + timeoutMs;
  let killed = false;
  while (leftovers.some((record) => isRunning(record.pid))) {
    if (!killed && Date.now() > deadline - timeoutMs / 2) {
      signal('SIGKILL');
      killed = true;
    }
    if (Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  rmSync(file, { force: true });
  return leftovers;
}

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
