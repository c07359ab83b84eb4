import { parseArgs } from 'node:util';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@arbor/shared/demo/company';
import { isSeeded, seedWithProgress } from './seeding.js';
import { startLocalStack, StartupError } from './stack.js';
import { ensureWebBuild } from './web-build.js';

/**
 * `npm start`: the whole back office on this machine. Ctrl-C stops every
 * child process it started.
 */
const { values } = parseArgs({
  options: {
    partners: { type: 'string', default: '1000' },
    'in-memory': { type: 'boolean', default: false },
  },
});

const started = Date.now();
const log = (line: string) => console.log(line);

try {
  ensureWebBuild(log);
  const stack = await startLocalStack({ log, ...(values['in-memory'] ? { config: { dataDir: null } } : {}) });
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nstopping…');
    await stack.stop();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  process.on('SIGHUP', shutdown);
  // If whatever launched us (npm, tsx) is killed outright, stop in order rather than run on as an orphan.
  const launcher = process.ppid;
  setInterval(() => {
    if (process.ppid !== launcher) void shutdown();
  }, 1000).unref();

  if (!(await isSeeded())) {
    const partners = Number(values.partners);
    log(`the table is empty: seeding a demo company with ${partners.toLocaleString('en-US')} partners…`);
    const result = await seedWithProgress(partners);
    log(`seeded ${result.members.toLocaleString('en-US')} members in ${result.seconds.toFixed(1)} s`);
  }

  const ready = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`
Arbor is running (ready in ${ready} s).

  Back office  ${stack.urls.app}
  API          ${stack.urls.api}
  Mail viewer  ${stack.urls.mailViewer}
  DynamoDB     ${stack.urls.dynamodb}   S3 ${stack.urls.s3}
  Data         ${stack.config.dataDir ?? 'in memory'}

Demo sign-ins (password ${DEMO_PASSWORD}):
  partner   ${DEMO_ACCOUNTS.partner}
  founder   ${DEMO_ACCOUNTS.founder}
  customer  ${DEMO_ACCOUNTS.customer}
  support   ${DEMO_ACCOUNTS.support}
  admin     ${DEMO_ACCOUNTS.admin}

Ctrl-C stops everything.`);
} catch (error) {
  if (error instanceof StartupError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
