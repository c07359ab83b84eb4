import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** The SvelteKit fallback page: any path that is not a file renders the app, like CloudFront's error response. */
export const FALLBACK_PAGE = '200.html';

/** Serves the built web app the way CloudFront serves it from S3. */
export function staticFiles(root: string) {
  return (request: IncomingMessage, response: ServerResponse) => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    } catch {
      // A broken percent-encoding (`/%E0%A4%A`) names no file: refuse it, never throw (that stopped the server).
      response.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('Bad request: malformed path.');
      return;
    }
    const relative = normalize(decoded).replace(/^([/\\])+/, '');
    let file = join(root, relative);
    if (decoded.includes('\0') || (!file.startsWith(root + sep) && file !== root)) {
      response.writeHead(400).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file) || !statSync(file).isFile()) {
      if (existsSync(`${file}.html`)) file = `${file}.html`;
      else file = join(root, FALLBACK_PAGE);
    }
    if (!existsSync(file)) {
      response
        .writeHead(503, { 'content-type': 'text/plain' })
        .end('The web app is not built yet (npm run -w web build).');
      return;
    }
    const immutable = relative.startsWith('_app/immutable/');
    response.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'strict-origin-when-cross-origin',
    });
    // A file that vanished between the checks and the read ends this response, not the server.
    createReadStream(file)
      .on('error', () => response.destroy())
      .pipe(response);
  };
}
