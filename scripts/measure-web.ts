/**
 * `npm run measure:web`: builds the web app and prints, for a few pages, the
 * JavaScript a browser downloads on the first load of that page (gzipped KB):
 * SvelteKit's entry, the root layout, the page's layouts and the page, with
 * every chunk they import statically.
 *
 *   npm run measure:web            build, then measure
 *   npm run measure:web -- --no-build   measure the last build
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const web = join(import.meta.dirname, '..', 'web');
const output = join(web, '.svelte-kit', 'output', 'client');
const generated = join(web, '.svelte-kit', 'generated', 'client-optimized');

if (!process.argv.includes('--no-build')) {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], { cwd: web, stdio: 'inherit' });
}

interface Chunk {
  file: string;
  src?: string;
  imports?: string[];
  isEntry?: boolean;
}
const manifest = JSON.parse(readFileSync(join(output, '.vite', 'manifest.json'), 'utf8')) as Record<string, Chunk>;
const app = readFileSync(join(generated, 'app.js'), 'utf8');

/** Route id -> [page node, [layout nodes]] from the generated client app. */
function nodesOf(routeId: string): number[] {
  const match = new RegExp(`"${routeId.replace(/[()]/g, '\\$&')}": \\[~?(\\d+),\\[([\\d,]*)\\]`).exec(app);
  if (!match) throw new Error(`route ${routeId} is not in the build`);
  return [0, ...match[2]!.split(',').filter(Boolean).map(Number), Number(match[1])];
}

const sizes = new Map<string, number>();
const gz = (file: string) => {
  let size = sizes.get(file);
  if (size === undefined) {
    size = gzipSync(readFileSync(join(output, file)), { level: 9 }).length;
    sizes.set(file, size);
  }
  return size;
};

function closure(keys: string[]): Set<string> {
  const seen = new Set<string>();
  const stack = [...keys];
  while (stack.length) {
    const key = stack.pop()!;
    if (seen.has(key)) continue;
    seen.add(key);
    stack.push(...(manifest[key]?.imports ?? []));
  }
  return seen;
}

const entries = Object.keys(manifest).filter((k) => manifest[k]!.isEntry && !k.includes('/nodes/'));
const PAGES: [string, string][] = [
  ['dashboard', '/(portal)'],
  ['sign-in', '/(public)/sign-in'],
  ['shop', '/(portal)/shop'],
  ['commissions', '/(portal)/commissions'],
];

console.log('page          first-load JS (KB gzip)');
for (const [name, routeId] of PAGES) {
  const nodes = nodesOf(routeId).map((n) => `.svelte-kit/generated/client-optimized/nodes/${n}.js`);
  const keys = closure([...entries, ...nodes]);
  let total = 0;
  for (const key of keys) total += gz(manifest[key]!.file);
  console.log(`${name.padEnd(14)}${(total / 1024).toFixed(1).padStart(8)}`);
}
