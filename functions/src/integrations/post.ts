import { lookup, type LookupAddress, type LookupAllOptions, type LookupOneOptions } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { isPrivateAddress, webhookUrlProblem, type UrlPolicy } from '@arbor/shared/integrations/urls';

/** What one POST to an endpoint came to: its status (none if it never answered), what went wrong, how long. */
export interface PostOutcome {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

export const POST_TIMEOUT_MS = 10_000;
/** How much of a refusal's body is kept for the deliveries page. */
const KEPT_BODY_CHARACTERS = 200;

const isLoopback = (address: string) => address === '::1' || address.startsWith('127.');
const allowed = (address: string, policy: UrlPolicy) =>
  !isPrivateAddress(address) || (policy.allowLoopback && isLoopback(address));

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * DNS resolution that refuses private addresses, used for the connection
 * itself: a name that resolves inside the network is refused at connect time,
 * whatever it resolved to when the endpoint was saved (DNS rebinding).
 */
function guardedLookup(policy: UrlPolicy) {
  return (hostname: string, options: LookupOneOptions | LookupAllOptions, callback: LookupCallback) => {
    lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const refused = addresses.find((a) => !allowed(a.address, policy));
      if (refused) {
        return callback(
          Object.assign(new Error(`${hostname} resolves to ${refused.address}, a private address`), {
            code: 'EPRIVATE',
          }),
          [],
        );
      }
      if (options.all) return callback(null, addresses);
      const first = addresses[0]!;
      return callback(null, first.address, first.family);
    });
  };
}

/**
 * POSTs a delivery: https only (http to this machine when running locally),
 * never to a private address, never following a redirect (a 3xx is a failed
 * attempt), and given up after 10 seconds. Never throws: every way it can go
 * wrong is an outcome to record.
 */
export function postWebhook(
  url: string,
  body: string,
  headers: Record<string, string>,
  policy: UrlPolicy,
): Promise<PostOutcome> {
  const started = Date.now();
  const done = (statusCode: number | null, error: string | null): PostOutcome => ({
    statusCode,
    error: error?.slice(0, 300) ?? null,
    durationMs: Date.now() - started,
  });
  const problem = webhookUrlProblem(url, policy);
  if (problem) return Promise.resolve(done(null, `refused: the URL ${problem}`));
  const target = new URL(url);
  const host = target.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) && !allowed(host, policy)) return Promise.resolve(done(null, `refused: ${host} is a private address`));

  return new Promise((resolve) => {
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const request = send(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': Buffer.byteLength(body) },
        lookup: guardedLookup(policy),
        signal: AbortSignal.timeout(POST_TIMEOUT_MS),
        agent: false,
      },
      (response: IncomingMessage) => {
        const status = response.statusCode ?? 0;
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          text += chunk;
          if (text.length > KEPT_BODY_CHARACTERS) response.destroy();
        });
        const finish = () => {
          if (status >= 200 && status < 300) return resolve(done(status, null));
          const snippet = text.slice(0, KEPT_BODY_CHARACTERS).trim();
          resolve(done(status, `HTTP ${status}${snippet ? `: ${snippet}` : ''}`));
        };
        response.on('end', finish);
        response.on('close', finish);
        response.on('error', finish);
      },
    );
    request.on('error', (error: Error & { code?: string }) => {
      const reason =
        error.name === 'TimeoutError' || error.name === 'AbortError'
          ? `no answer within ${POST_TIMEOUT_MS / 1000} s`
          : `${error.code ? `${error.code}: ` : ''}${error.message}`;
      resolve(done(null, reason));
    });
    request.end(body);
  });
}
