import type { Dictionary } from './message';

/** English strings of the API reference (web/src/routes/developers); the Spanish twin is developers.es.ts. */
export default {
  'developers.title': 'Arbor API reference',
  'developers.intro':
    'Every route of the API: who may call it, what it takes and what it answers. Browsers sign in with a session cookie; server-to-server integrations use API keys that an admin creates. Money is in minor units (cents) with its currency.',
  'developers.download': 'Download the OpenAPI 3.1 document (JSON)',
  'developers.loading': 'Loading the reference…',
  'developers.loadFailed': 'The reference could not be loaded. Reload the page to try again.',
  'developers.filter': 'Find a route',
  'developers.routes': { one: '1 route', other: '{count} routes' },
  'developers.areas': 'Areas of the API',
  'developers.whoMay': 'Who may call it',
  'developers.apiKeyScope': 'Also for API keys with the scope {scope}',
  'developers.anyone': 'anyone',
  'developers.parameters': 'Parameters',
  'developers.name': 'Name',
  'developers.in': 'In',
  'developers.type': 'Type',
  'developers.required': 'required',
  'developers.body': 'Request body (JSON)',
  'developers.answers': 'Answer ({status})',
  'developers.file': 'A file ({type}).',
  'developers.noBody': 'No body.',
  'developers.errors': 'Errors',
  'developers.fields': { one: '1 field', other: '{count} fields' },
} as const satisfies Dictionary;
