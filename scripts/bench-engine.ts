/**
 * Commission engine benchmark: generates deterministic inputs into a temp
 * directory, runs the CLI on each as a child process under /usr/bin/time -v,
 * and prints parse / compute / write times, wall time and peak RSS.
 *
 *     npm run bench:engine [-- --partners N --orders N --seed N --keep]
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeChainInput, writeRealisticInput, type GeneratedInput } from './bench/generate.js';

const ROOT = resolve(import.meta.dirname, '..');
const CLI = join(ROOT, 'shared/src/commissions/cli.ts');
const TIME = '/usr/bin/time';

interface RunFigures {
  name: string;
  input: GeneratedInput;
  generateMs: number;
  parseMs: number;
  computeMs: number;
  writeMs: number;
  wallMs: number;
  peakRssMb: number | null;
  lines: number;
  outputMb: number;
  tail: string;
}

function runCli(name: string, inputPath: string, input: GeneratedInput, generateMs: number, dir: string): RunFigures {
  const outputPath = join(dir, `${name}.out.json`);
  const args = ['--import', 'tsx', CLI, 'compute', '--in', inputPath, '--out', outputPath, '--timings'];
  const timed = existsSync(TIME);
  const started = performance.now();
  const child = timed
    ? spawnSync(TIME, ['-v', process.execPath, ...args], { cwd: ROOT, encoding: 'utf8' })
    : spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
  const wallMs = performance.now() - started;
  if (child.status !== 0) throw new Error(`${name}: the CLI exited with ${child.status}: ${child.stderr}`);

  const timings = /parse (\d+) ms, compute (\d+) ms, write (\d+) ms/.exec(child.stderr);
  if (!timings) throw new Error(`${name}: no timings line in: ${child.stderr}`);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(child.stderr);
  const { count, tail } = scanOutput(outputPath);
  return {
    name,
    input,
    generateMs,
    parseMs: Number(timings[1]),
    computeMs: Number(timings[2]),
    writeMs: Number(timings[3]),
    wallMs,
    peakRssMb: rss ? Number(rss[1]) / 1024 : null,
    lines: count,
    outputMb: statSync(outputPath).size / 1e6,
    tail,
  };
}

/** Counts lines (one "recipientId" key each) and returns the file's tail (breakage and totals). */
function scanOutput(path: string): { count: number; tail: string } {
  const needle = Buffer.from('"recipientId"');
  const block = Buffer.alloc(16 << 20);
  const fd = openSync(path, 'r');
  let count = 0;
  let carry = Buffer.alloc(0);
  let tail = '';
  try {
    for (;;) {
      const read = readSync(fd, block, 0, block.length, null);
      if (read === 0) break;
      const chunk = Buffer.concat([carry, block.subarray(0, read)]);
      for (let at = chunk.indexOf(needle); at !== -1; at = chunk.indexOf(needle, at + needle.length)) count++;
      carry = Buffer.from(chunk.subarray(Math.max(0, chunk.length - (needle.length - 1))));
      tail = chunk.subarray(Math.max(0, chunk.length - 300)).toString('utf8');
    }
  } finally {
    closeSync(fd);
  }
  const summary = /"breakage":\d+,"totals":\{[^}]*\}/.exec(tail);
  return { count, tail: summary ? summary[0] : '(no totals found)' };
}

function timed<T>(work: () => T): [T, number] {
  const started = performance.now();
  const value = work();
  return [value, performance.now() - started];
}

function printTable(runs: RunFigures[]): void {
  const header = ['case', 'partners', 'customers', 'orders', 'max depth', 'input MB', 'gen ms'];
  const header2 = ['parse ms', 'compute ms', 'write ms', 'cli wall ms', 'peak RSS MB', 'lines', 'output MB'];
  const rows = runs.map((r) => [
    r.name,
    String(r.input.partners),
    String(r.input.customers),
    String(r.input.orders),
    String(r.input.maxDepth),
    (r.input.bytes / 1e6).toFixed(0),
    r.generateMs.toFixed(0),
    String(r.parseMs),
    String(r.computeMs),
    String(r.writeMs),
    r.wallMs.toFixed(0),
    r.peakRssMb === null ? 'n/a' : r.peakRssMb.toFixed(0),
    String(r.lines),
    r.outputMb.toFixed(0),
  ]);
  const all = [[...header, ...header2], ...rows];
  const widths = all[0]!.map((_, c) => Math.max(...all.map((row) => row[c]!.length)));
  const format = (row: string[]) => row.map((cell, c) => cell.padStart(widths[c]!)).join('  ');
  console.log(format(all[0]!));
  for (const row of rows) console.log(format(row));
  console.log('');
  for (const r of runs) console.log(`${r.name}: ${r.tail}`);
}

function main(): void {
  const { values } = parseArgs({
    options: {
      partners: { type: 'string', default: '1000000' },
      orders: { type: 'string', default: '1000000' },
      seed: { type: 'string', default: '20261101' },
      keep: { type: 'boolean', default: false },
    },
  });
  const partners = Number(values.partners);
  const orders = Number(values.orders);
  const seed = Number(values.seed);
  if (![partners, orders, seed].every(Number.isSafeInteger) || partners < 1 || orders < 0) {
    throw new Error('--partners, --orders and --seed take integers (partners >= 1)');
  }
  if (!existsSync(TIME)) console.log(`${TIME} not found: peak RSS will not be reported`);

  const dir = mkdtempSync(join(tmpdir(), 'arbor-bench-'));
  try {
    const runs: RunFigures[] = [];
    const realisticPath = join(dir, 'realistic.json');
    const [realistic, realisticMs] = timed(() => writeRealisticInput(realisticPath, { partners, orders, seed }));
    runs.push(runCli('realistic monthly', realisticPath, realistic, realisticMs, dir));
    rmSync(realisticPath);

    const chainPath = join(dir, 'chain.json');
    const [chain, chainMs] = timed(() => writeChainInput(chainPath, { partners, orders }));
    runs.push(runCli('chain monthly', chainPath, chain, chainMs, dir));

    printTable(runs);
    if (values.keep) console.log(`\nkept ${dir}`);
  } finally {
    if (!values.keep) rmSync(dir, { recursive: true, force: true });
  }
}

main();
