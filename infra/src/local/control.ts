import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { scheduledJobs } from '@arbor/functions/wiring';
import { runJobNow } from './scheduler.js';
import type { LocalQueues } from './sqs.js';

/** The header every call to the local controls must carry (the CLIs send it; a page cannot without a preflight). */
export const CONTROL_HEADER = 'x-arbor-local-control';

/** Headers for a CLI calling the local controls of a running `npm start`. */
export const controlHeaders = (): Record<string, string> => ({
  [CONTROL_HEADER]: '1',
  'content-type': 'application/json',
});

/**
 * Why a request to the local controls is refused, or null when it may run.
 * They are for the CLI commands only, never for a browser page: a page (any
 * site, this one included) sends Origin or Sec-Fetch-Site, cannot add the
 * custom header cross-site without a CORS preflight (never granted here), and
 * a DNS-rebinding page still names its own host, not localhost.
 */
export function controlRefusal(headers: IncomingHttpHeaders, method: string): string | null {
  if (headers.origin !== undefined) return 'the local controls do not answer web pages (Origin header present)';
  const site = headers['sec-fetch-site'];
  if (site !== undefined && site !== 'none')
    return `the local controls do not answer web pages (Sec-Fetch-Site: ${site})`;
  const host = (headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
  if (!['localhost', '127.0.0.1', '[::1]'].includes(host))
    return `the local controls answer only on localhost, not ${host}`;
  if (headers[CONTROL_HEADER] !== '1') return `the local controls need the header ${CONTROL_HEADER}: 1`;
  if (method !== 'GET' && !(headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
    return 'the local controls take JSON (content-type: application/json)';
  }
  return null;
}

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
  const refusal = controlRefusal(request.headers, request.method ?? 'GET');
  if (refusal) {
    request.resume();
    return reply(403, { error: refusal });
  }
  const job = /^\/__local\/jobs\/([\w-]+)$/.exec(url.pathname)?.[1];
  if (request.method === 'POST' && job) {
    const spec = scheduledJobs.find((j) => j.name === job);
    if (!spec) return reply(404, { error: `no job ${job}` });
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    let input: Record<string, unknown> = {};
    try {
      if (chunks.length) input = JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>;
    } catch {
      return reply(400, { error: 'the body is not valid JSON' });
    }
    return reply(200, { result: await runJobNow(spec, new Date(), input) });
  }
  if (request.method === 'GET' && url.pathname === '/__local/queues') {
    return reply(200, Object.fromEntries(runtime.queues.all().map((q) => [q.options.name, q.counts()])));
  }
  reply(404, { error: 'unknown local control' });
}
