import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { handleApiRequest } from './api-gateway.js';
import { localControl } from './control.js';
import type { LocalQueues } from './sqs.js';
import { staticFiles } from './static-files.js';

/**
 * The local server's one request listener: `/__local/*` controls, `/api/*`
 * through the API Gateway emulation, anything else from the built web app.
 * Whatever a request contains, it gets an answer: an error in one request
 * never reaches the process (an uncaught throw here used to stop the stack).
 */
export function localRequestListener(options: { queues: LocalQueues; webRoot: string }): RequestListener {
  const serveWeb = staticFiles(options.webRoot);
  const fail = (response: ServerResponse, error: unknown) => {
    console.error('[local server]', error);
    if (!response.headersSent) {
      response
        .writeHead(500, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: { code: 'internal_error', message: 'Internal server error', details: [] } }));
    } else response.destroy();
  };
  return (request: IncomingMessage, response: ServerResponse) => {
    try {
      const path = (request.url ?? '/').split('?')[0] ?? '/';
      if (path.startsWith('/__local/')) {
        localControl(request, response, { queues: options.queues }).catch((error: unknown) => fail(response, error));
      } else if (path === '/api' || path.startsWith('/api/')) {
        handleApiRequest(request, response).catch((error: unknown) => fail(response, error));
      } else serveWeb(request, response);
    } catch (error) {
      fail(response, error);
    }
  };
}
