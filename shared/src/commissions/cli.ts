/**
 * The commission engine's command line (docs/engine-file-contract.md):
 *
 *     npm run -s commissions -- compute --in INPUT.json --out OUTPUT.json [--timings]
 *
 * Exit codes: 0 computed and written; 2 bad input or usage (one line on stderr,
 * no output file); 1 anything else, such as an output file that cannot be
 * written (one line on stderr, no output file either).
 */
import { closeSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { computePreparedPeriod } from './engine.js';
import { PeriodInputError } from './input-error.js';
import { preparePeriod } from './input.js';
import { writePeriodOutput } from './output.js';
import type { PeriodResult } from './result.js';

const USAGE = 'usage: commissions compute --in INPUT.json --out OUTPUT.json [--timings]';

/** Usage mistakes and unreadable input: the caller's to fix, so exit 2 like bad records. */
class UsageError extends Error {}

interface ComputeCommand {
  input: string;
  output: string;
  timings: boolean;
}

function parseCommand(argv: string[]): ComputeCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: { in: { type: 'string' }, out: { type: 'string' }, timings: { type: 'boolean', default: false } },
    });
  } catch (error) {
    throw new UsageError(`${messageOf(error)}; ${USAGE}`);
  }
  const [command, ...extra] = parsed.positionals;
  if (command !== 'compute') {
    throw new UsageError(`${command === undefined ? 'no command' : `unknown command "${command}"`}; ${USAGE}`);
  }
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"; ${USAGE}`);
  const { in: input, out: output, timings } = parsed.values;
  if (!input) throw new UsageError(`missing --in; ${USAGE}`);
  if (!output) throw new UsageError(`missing --out; ${USAGE}`);
  return { input, output, timings: timings === true };
}

/** Reads and parses the file in a frame of its own, so the text can be collected once parsed. */
function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`${path}: cannot read the input file: ${messageOf(error)}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${path}: not valid JSON: ${messageOf(error)}`);
  }
}

/**
 * Writes to a temporary file beside the output and renames it at the end, so
 * a failure never leaves a partial OUTPUT.json. Chunks go straight to the file
 * descriptor: the whole document would not fit in one string.
 */
function writeAtomically(path: string, result: PeriodResult): void {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  let fd: number;
  try {
    fd = openSync(temporary, 'w');
  } catch (error) {
    throw new Error(`${path}: cannot write the output file: ${messageOf(error)}`);
  }
  try {
    writePeriodOutput(result, (chunk) => {
      for (let written = 0; written < chunk.length;) written += writeSync(fd, chunk, written);
    });
    closeSync(fd);
    renameSync(temporary, path);
  } catch (error) {
    try {
      closeSync(fd);
    } catch {
      // Already closed when the rename failed.
    }
    try {
      unlinkSync(temporary);
    } catch {
      // Nothing to remove; report the first failure.
    }
    throw error;
  }
}

function compute(command: ComputeCommand): void {
  const started = performance.now();
  const prepared = preparePeriod(readJson(command.input));
  const parsed = performance.now();
  const result = computePreparedPeriod(prepared);
  const computed = performance.now();
  writeAtomically(command.output, result);
  const written = performance.now();
  if (command.timings) {
    const ms = (from: number, to: number) => Math.round(to - from);
    process.stderr.write(
      `parse ${ms(started, parsed)} ms, compute ${ms(parsed, computed)} ms, write ${ms(computed, written)} ms\n`,
    );
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Exactly one line, whatever the message holds. */
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

function main(argv: string[]): number {
  try {
    compute(parseCommand(argv));
    return 0;
  } catch (error) {
    const badInput = error instanceof UsageError || error instanceof PeriodInputError;
    process.stderr.write(`${oneLine(badInput ? messageOf(error) : `commissions: ${messageOf(error)}`)}\n`);
    return badInput ? 2 : 1;
  }
}

process.exitCode = main(process.argv.slice(2));
