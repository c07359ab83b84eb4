import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { QueueName } from '../../functions/src/wiring.js';

/** What a queue worker reports per batch: messages received, handled without failing, and the batch's time. */
export interface BatchReport {
  batch: number;
  ok: number;
  ms: number;
}

/**
 * Worker processes (queue-worker.ts) consuming one local queue, for
 * benchmarks that kill one midway: `start` adds one, `stopAll` kills those
 * still running. They inherit this process's environment (the local stack's
 * endpoints and queue URLs) plus `env`.
 */
export function workerPool(queue: QueueName, env: Record<string, string>, onReport: (report: BatchReport) => void) {
  const workers = new Set<ChildProcess>();
  return {
    start(): ChildProcess {
      const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench/queue-worker.ts', queue], {
        env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'ERROR', ...env },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      createInterface({ input: child.stdout! }).on('line', (line) => {
        try {
          onReport(JSON.parse(line) as BatchReport);
        } catch {
          // not a report line
        }
      });
      workers.add(child);
      child.once('exit', () => workers.delete(child));
      return child;
    },
    stopAll(): void {
      for (const worker of workers) worker.kill('SIGKILL');
    },
  };
}
