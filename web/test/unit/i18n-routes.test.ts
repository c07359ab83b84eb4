/**
 * Every page renders with its words: each key a page uses (itself or any module it imports) is in
 * an area that its route's `load` functions load before it renders (`loadMessages(...)` in the root
 * and the route's `+layout.ts` / `+page.ts` files). Read from the source, the way the bundler
 * follows imports; keys are found as quoted strings and `prefix.${…}` templates.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AREAS, type Area } from '../../src/lib/i18n/areas';

const src = join(import.meta.dirname, '..', '..', 'src');
const routes = join(src, 'routes');

const areaOfKey = new Map<string, Area>();
for (const area of Object.keys(AREAS) as Area[]) {
  for (const key of Object.keys((await AREAS[area].en()).default)) areaOfKey.set(key, area);
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.(ts|svelte)$/.test(name) ? [path] : [];
  });
}

function resolveImport(from: string, spec: string): string | null {
  const base = spec.startsWith('$lib/')
    ? join(src, 'lib', spec.slice(5))
    : spec.startsWith('.')
      ? resolve(dirname(from), spec)
      : null;
  if (!base) return null;
  const found = [base, `${base}.ts`, join(base, 'index.ts')].find(
    (path) => existsSync(path) && statSync(path).isFile(),
  );
  return found ?? null;
}

interface Source {
  imports: string[];
  keys: Set<string>;
}
const sources = new Map<string, Source>();

function source(path: string): Source {
  let known = sources.get(path);
  if (known) return known;
  const text = readFileSync(path, 'utf8')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|\s)\/\/.*$/gm, '$1');
  const imports = [
    ...text.matchAll(/\b(?:import|export)\s+(?!type\b)[^;]*?\bfrom\s+['"]([^'"]+)['"]/g),
    ...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
  ]
    .map((match) => resolveImport(path, match[1]!))
    .filter((resolved): resolved is string => resolved !== null);
  const keys = new Set<string>();
  // The i18n modules themselves name keys only as examples and load the dictionaries.
  if (!path.startsWith(join(src, 'lib', 'i18n'))) {
    for (const match of text.matchAll(/['"]([\w.-]+)['"]/g)) if (areaOfKey.has(match[1]!)) keys.add(match[1]!);
    for (const match of text.matchAll(/`([\w.-]+\.)\$\{/g)) {
      for (const key of areaOfKey.keys()) if (key.startsWith(match[1]!)) keys.add(key);
    }
  }
  known = { imports, keys };
  sources.set(path, known);
  return known;
}

/** The route's own files: each layout from the root down, the page, and their universal loads. */
function routeFiles(page: string): string[] {
  const chain: string[] = [];
  for (let dir = dirname(page); dir.startsWith(routes); dir = dirname(dir)) {
    for (const name of ['+layout.svelte', '+layout.ts']) if (existsSync(join(dir, name))) chain.push(join(dir, name));
    if (dir === routes) break;
  }
  const load = join(dirname(page), '+page.ts');
  return [page, ...(existsSync(load) ? [load] : []), ...chain];
}

function loadedAreas(files: string[]): Set<string> {
  const loaded = new Set<string>();
  for (const file of files.filter((path) => path.endsWith('.ts'))) {
    for (const call of readFileSync(file, 'utf8').matchAll(/loadMessages\(([^)]*)\)/g)) {
      for (const name of call[1]!.matchAll(/['"](\w+)['"]/g)) loaded.add(name[1]!);
    }
  }
  return loaded;
}

/** Area -> the first few keys the page uses from it, with the file that uses each. */
function usedAreas(files: string[]): Map<string, string[]> {
  const used = new Map<string, string[]>();
  const seen = new Set<string>();
  const stack = [...files];
  while (stack.length) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const { imports, keys } = source(file);
    stack.push(...imports);
    for (const key of keys) {
      const area = areaOfKey.get(key)!;
      const list = used.get(area) ?? [];
      if (list.length < 3) list.push(`${key} in ${relative(src, file)}`);
      used.set(area, list);
    }
  }
  return used;
}

const pages = files(routes).filter((path) => path.endsWith('+page.svelte'));
const routeId = (page: string) => `/${relative(routes, dirname(page))}`.replace(/\/$/, '') || '/';

describe('each page loads the words it shows', () => {
  it('finds the pages, and sees what they use', () => {
    expect(pages.length).toBeGreaterThan(30);
    const shop = pages.find((page) => routeId(page) === '/(portal)/shop')!;
    expect([...usedAreas(routeFiles(shop)).keys()].sort()).toEqual(['core', 'shop']);
    expect([...loadedAreas(routeFiles(shop))].sort()).toEqual(['core', 'shop']);
  });

  it.each(pages.map((page) => [routeId(page), page]))('%s', (_id, page) => {
    const own = routeFiles(page);
    const loaded = loadedAreas(own);
    const missing = [...usedAreas(own)].filter(([area]) => !loaded.has(area));
    expect(Object.fromEntries(missing)).toEqual({});
  });
});
