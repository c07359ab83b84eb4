/**
 * `npm run bench:genealogy -- --partners 100000 [--samples 200]`
 *
 * Starts the local stack in memory on free ports, seeds a company of that
 * size, signs in as the founder (whose downline is everyone), and times,
 * through the HTTP API: a team report page of 100 rows, tree children, "is X
 * in my downline", and how long a new enrollment takes to show in the
 * upline's new-partners report (the stream keeps the downline index).
 */
import { parseArgs } from 'node:util';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../shared/src/demo/company.js';
import { sampleEnrollment } from '../shared/src/demo/enrollment.js';
import { freePorts } from '../infra/src/local/config.js';
import { seedWithProgress } from '../infra/src/local/seeding.js';
import { startLocalStack } from '../infra/src/local/stack.js';
import { Random } from '../shared/src/demo/random.js';
import { sample, Session, summarize } from './bench/http.js';

const { values } = parseArgs({
  options: { partners: { type: 'string', default: '100000' }, samples: { type: 'string', default: '200' } },
});
const partners = Number(values.partners);
const samples = Number(values.samples);

const ports = await freePorts();
console.log(`starting the local stack (in memory) and seeding ${partners.toLocaleString('en-US')} partners…`);
const stack = await startLocalStack({ config: { dataDir: null, ports } });
try {
  const seeded = await seedWithProgress(partners);
  console.log(`seeded ${seeded.items.toLocaleString('en-US')} items in ${seeded.seconds.toFixed(1)} s`);

  const founder = new Session(stack.urls.app);
  await founder.signIn(DEMO_ACCOUNTS.founder, DEMO_PASSWORD);
  const me = (await founder.request('GET', '/api/members/me')).json as { member: { id: string; teamSize: number } };
  console.log(
    `measuring as the founder (${me.member.id}), downline of ${me.member.teamSize.toLocaleString('en-US')} partners`,
  );

  // Members to ask about: a walk of the team report gives real IDs at every level.
  const ids: string[] = [];
  const cursors: string[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 30; page++) {
    const response = (await founder.request('GET', `/api/team/unilevel?limit=500${cursor ? `&cursor=${cursor}` : ''}`))
      .json as {
      items: { id: string }[];
      cursor: string | null;
    };
    ids.push(...response.items.map((r) => r.id));
    if (!response.cursor) break;
    cursors.push(response.cursor);
    cursor = response.cursor;
  }
  const random = new Random(7);

  const report = await sample(samples, async (i) => {
    const path =
      i % 3 === 0
        ? `/api/team/unilevel?limit=100&level=${random.int(1, 8)}`
        : i % 3 === 1
          ? `/api/team/unilevel?limit=100&cursor=${random.pick(cursors)}`
          : '/api/team/unilevel?limit=100';
    const response = await founder.request('GET', path);
    if (response.status !== 200) throw new Error(`team report ${response.status}`);
  });
  const children = await sample(samples, async () => {
    const response = await founder.request('GET', `/api/genealogy/placement/children/${random.pick(ids)}?limit=50`);
    if (response.status !== 200) throw new Error(`children ${response.status}`);
  });
  const inDownline = await sample(samples, async () => {
    const response = await founder.request('GET', `/api/genealogy/downline/${random.pick(ids)}`);
    if (response.status !== 200) throw new Error(`in-downline ${response.status}`);
  });

  // Enrollment to visible: a partner deep in the tree enrolls someone; the founder's
  // new-partners report (newest first) must show it.
  const enroller = new Session(stack.urls.app);
  await enroller.signIn(DEMO_ACCOUNTS.partner, DEMO_PASSWORD);
  const visible = await sample(Math.min(30, samples), async (i) => {
    const started = performance.now();
    const created = await enroller.request(
      'POST',
      '/api/enrollments',
      sampleEnrollment({
        firstName: 'Bench',
        lastName: `Enrollee${i}`,
        document: { type: 'national_id', country: 'US', number: `B${i}0000` },
      }),
    );
    if (created.status !== 201) throw new Error(`enrollment ${created.status} ${JSON.stringify(created.json)}`);
    const id = (created.json as { member: { id: string } }).member.id;
    for (;;) {
      const page = (await founder.request('GET', '/api/team/new-partners?limit=5')).json as { items: { id: string }[] };
      if (page.items.some((r) => r.id === id)) break;
      if (performance.now() - started > 30_000) throw new Error('the new member never showed up');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  });

  console.log(
    `\ngenealogy on the local stack, ${partners.toLocaleString('en-US')} partners (times in ms, through the HTTP API)`,
  );
  console.table([
    summarize('team report page (100 rows)', report),
    summarize('tree children (50)', children),
    summarize('is X in my downline', inDownline),
    summarize('enrollment visible in upline report', visible),
  ]);
} finally {
  await stack.stop();
}
