import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './dynamodb-local.js';
import { FALLBACK_PAGE } from './static-files.js';

function newestMtime(dir: string): number {
  let newest = 0;
  const stack = [dir];
  while (stack.length) {
    const current = stack.pop()!;
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const path = join(current, entry.name);
      if (entry.isDirectory()) stack.push(path);
      else newest = Math.max(newest, statSync(path).mtimeMs);
    }
  }
  return newest;
}

/** Builds the web app when there is no build or its sources (or shared/) changed since. */
export function ensureWebBuild(log: (line: string) => void): void {
  const page = join(repoRoot, 'web', 'build', FALLBACK_PAGE);
  const sources = Math.max(newestMtime(join(repoRoot, 'web', 'src')), newestMtime(join(repoRoot, 'shared', 'src')));
  if (existsSync(page) && statSync(page).mtimeMs >= sources) return;
  log('building the web app (first start, or its sources changed)…');
  execFileSync('npm', ['run', '-s', '-w', 'web', 'build'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
}
