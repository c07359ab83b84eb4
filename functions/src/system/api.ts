import { NotFoundError } from '@arbor/shared/errors';
import { areaRouter } from '../lib/router.js';
import { route } from '../lib/http.js';

const health = route({ auth: 'public' }, async () => ({ status: 'ok' }));

const notFound = route({ auth: 'public' }, async ({ event }) => {
  throw new NotFoundError(`No route for ${event.requestContext.http.method} ${event.rawPath}.`, 'route_not_found');
});

export const handler = areaRouter('system', { health, notFound });
