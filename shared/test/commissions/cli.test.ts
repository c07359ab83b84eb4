import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PeriodOutput } from '../../src/commissions/index.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const CLI = join(ROOT, 'shared/src/commissions/cli.ts');
const dir = mkdtempSync(join(tmpdir(), 'arbor-cli-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[]) {
  const child = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: child.status, stderr: child.stderr, stdout: child.stdout };
}

function writeInput(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const validInput = {
  period: { id: '2026-11', kind: 'monthly' },
  partners: [
    { id: '1000', kind: 'partner', sponsorId: null, placementId: null, status: 'active', highestRank: 1 },
    { id: '1001', kind: 'partner', sponsorId: '1000', placementId: '1000', status: 'active' },
  ],
  orders: [
    { id: 'o-0', buyerId: '1000', pv: 50, cv: 0, firstOrder: false },
    { id: 'o-1', buyerId: '1001', pv: 100, cv: 8000, firstOrder: false },
  ],
};

/** Exit 2, exactly one line on stderr, and no output file (nor a leftover temporary one). */
function expectRefused(result: ReturnType<typeof run>, output: string, firstLine: string | RegExp) {
  expect(result.status).toBe(2);
  expect(result.stderr.endsWith('\n')).toBe(true);
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(result.stderr.trimEnd()).toMatch(firstLine);
  expect(existsSync(output)).toBe(false);
  expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
}

describe('commissions CLI', { timeout: 30_000 }, () => {
  it('computes a period into the output file and prints timings', () => {
    const input = writeInput('ok.json', validInput);
    const output = join(dir, 'ok.out.json');
    const result = run(['compute', '--in', input, '--out', output, '--timings']);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/^parse \d+ ms, compute \d+ ms, write \d+ ms\n$/);
    const written = JSON.parse(readFileSync(output, 'utf8')) as PeriodOutput;
    expect(Object.keys(written)).toEqual(['period', 'partners', 'lines', 'breakage', 'totals']);
    expect(written.period).toBe('2026-11');
    expect(written.partners).toHaveLength(2);
    // 1001's cv 8000 pays 1000 level 1 at 500 bp: 400.
    expect(written.lines).toEqual([
      {
        recipientId: '1000',
        bonus: 'unilevel',
        amount: 400,
        sourceOrderId: 'o-1',
        sourcePartnerId: '1001',
        level: 1,
        rateBp: 500,
      },
    ]);
    expect(written.totals).toEqual({ unilevel: 400, fastStart: 0, rankAdvancement: 0 });
  });

  it('prints nothing without --timings', () => {
    const input = writeInput('quiet.json', validInput);
    const result = run(['compute', '--in', input, '--out', join(dir, 'quiet.out.json')]);
    expect(result).toMatchObject({ status: 0, stderr: '', stdout: '' });
  });

  it('refuses bad records with the record and the rule, writing nothing', () => {
    const input = writeInput('bad.json', { ...validInput, orders: [{ ...validInput.orders[1], buyerId: '9999' }] });
    const output = join(dir, 'bad.out.json');
    expectRefused(
      run(['compute', '--in', input, '--out', output, '--timings']),
      output,
      /^orders\[0\] \(id "o-1"\): buyerId "9999" names no partner or customer$/,
    );
  });

  it('leaves an earlier output file alone when the input is refused', () => {
    const output = join(dir, 'kept.out.json');
    writeFileSync(output, 'previous');
    const input = writeInput('cycle.json', {
      ...validInput,
      partners: [{ ...validInput.partners[0], placementId: '1001' }, validInput.partners[1]],
    });
    const result = run(['compute', '--in', input, '--out', output]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/closes a cycle in the placement tree/);
    expect(readFileSync(output, 'utf8')).toBe('previous');
  });

  it('refuses a file that is not JSON', () => {
    const input = writeInput('broken.json', '{"period": {');
    const output = join(dir, 'broken.out.json');
    expectRefused(run(['compute', '--in', input, '--out', output]), output, /broken\.json: not valid JSON: /);
  });

  it('refuses an input file that cannot be read', () => {
    const output = join(dir, 'missing.out.json');
    expectRefused(
      run(['compute', '--in', join(dir, 'missing.json'), '--out', output]),
      output,
      /missing\.json: cannot read the input file: ENOENT/,
    );
  });

  it('refuses usage mistakes: missing flags, unknown command or option', () => {
    const output = join(dir, 'usage.out.json');
    const usage = /; usage: commissions compute --in INPUT\.json --out OUTPUT\.json \[--timings\]$/;
    expectRefused(run(['compute', '--out', output]), output, /^missing --in/);
    expectRefused(run(['compute', '--in', 'x.json']), output, /^missing --out/);
    expectRefused(run(['calculate', '--in', 'x.json', '--out', output]), output, /^unknown command "calculate"/);
    expectRefused(run([]), output, usage);
    expectRefused(run(['compute', '--in', 'x.json', '--out', output, '--fast']), output, usage);
  });

  it('runs through the npm script and keeps its exit status', () => {
    const input = writeInput('npm.json', validInput);
    const output = join(dir, 'npm.out.json');
    const ok = spawnSync('npm', ['run', '-s', 'commissions', '--', 'compute', '--in', input, '--out', output], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(ok.status).toBe(0);
    expect(existsSync(output)).toBe(true);
    const refused = spawnSync('npm', ['run', '-s', 'commissions', '--', 'compute', '--in', input], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/^missing --out/m);
  });
});
