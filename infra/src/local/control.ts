import type { IncomingMessage, ServerResponse } from 'node:http';
import { scheduledJobs } from '@arbor/functions/wiring';
import { runJobNow } from './scheduler.js';
import type { LocalQueues } from './sqs.js';

/**
 * Local-only controls for the CLI commands (`npm run autoship`, `npm run
 * close`) while `npm start` runs: run a scheduled job now, read queue depths.
 * Bound to 127.0.0.1 with the rest of the local server; it does not exist in AWS.
 */
export async function localControl(
  request: IncomingMessage,
  response: ServerResponse,
  runtime: { queues: LocalQueues },
) {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const reply = (status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };
  const job = /^\/__local\/jobs\/([\w-]+)$/.exec(url.pathname)?.[1];
  if (request.method === 'POST' && job) {
    const spec = scheduledJobs.find((j) => j.name === job);
    if (!spec) return reply(404, { error: `no job ${job}` });
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const input = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>) : {};
    return reply(200, { result: await runJobNow(spec, new Date(), input) });
  }
  if (request.method === 'GET' && url.pathname === '/__local/queues') {
    return reply(200, Object.fromEntries(runtime.queues.all().map((q) => [q.options.name, q.counts()])));
  }
  reply(404, { error: 'unknown local control' });
}
