/**
 * Environment, read lazily: a handler that never touches the queue does not need
 * its URL, and one that does fails loudly naming the variable. The CDK stack and
 * the local runtime set these same names (see infra/src/function-env.ts).
 */
export function requireEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`Missing environment variable ${name}`);
  return value;
}

export const env = {
  tableName: () => requireEnv('TABLE_NAME'),
  /** Public origin of the web app, used in emailed links, e.g. https://office.example.com */
  appUrl: () => requireEnv('APP_URL'),
  mailFrom: () => requireEnv('MAIL_FROM'),
  /** Set locally; in AWS the secret's ARN is given instead and read once per cold start. */
  sessionSecret: () => process.env.SESSION_SECRET,
  sessionSecretArn: () => requireEnv('SESSION_SECRET_ARN'),
  /** The key of links sent by mail: LINK_SECRET locally, its secret's ARN in AWS. */
  linkSecret: () => process.env.LINK_SECRET,
  linkSecretArn: () => requireEnv('LINK_SECRET_ARN'),
  /** Cookies are Secure everywhere except the local http://localhost runtime. */
  cookieSecure: () => process.env.COOKIE_SECURE !== 'false',
};
