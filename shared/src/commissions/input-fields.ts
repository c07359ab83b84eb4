// Small readers shared by the member and order validation loops.
import { refuse } from './input-error.js';

export type Row = Record<string, unknown>;

export function asRow(list: string, index: number, value: unknown): Row {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    refuse(list, index, undefined, 'shape', 'must be an object');
  }
  return value as Row;
}

export function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

export function unknown(field: string, value: unknown): string {
  return value === undefined ? `${field} is missing` : `unknown ${field} ${describe(value)}`;
}

/** A value as it would appear in the JSON, shortened for one-line messages. */
export function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
