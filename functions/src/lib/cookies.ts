import { env } from './env.js';

export interface CookieOptions {
  maxAgeSeconds: number;
  path?: string;
}

/** httpOnly, SameSite=Strict and (outside localhost) Secure: scripts never see the session. */
export function setCookie(name: string, value: string, { maxAgeSeconds, path = '/' }: CookieOptions): string {
  const parts = [`${name}=${value}`, `Path=${path}`, `Max-Age=${maxAgeSeconds}`, 'HttpOnly', 'SameSite=Strict'];
  if (env.cookieSecure()) parts.push('Secure');
  return parts.join('; ');
}

export function clearCookie(name: string, path = '/'): string {
  return setCookie(name, '', { maxAgeSeconds: 0, path });
}

/** API Gateway v2 hands cookies over as `["a=1", "b=2"]`. */
export function parseCookies(cookies: readonly string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const header of cookies ?? []) {
    for (const pair of header.split(';')) {
      const index = pair.indexOf('=');
      if (index <= 0) continue;
      out[pair.slice(0, index).trim()] = pair.slice(index + 1).trim();
    }
  }
  return out;
}
