import { ValidationError } from '../errors.js';

/** The rule a period input broke; callers may branch on it, people read the message. */
export type PeriodInputRule =
  | 'shape'
  | 'duplicate_id'
  | 'unknown_reference'
  | 'cycle'
  | 'customer_placement'
  | 'customer_parent'
  | 'customer_without_sponsor'
  | 'invalid_volume'
  | 'unknown_status'
  | 'unknown_kind'
  | 'unknown_rank'
  | 'plan_schema';

/**
 * A period input the engine refuses. The message names the offending record
 * and the rule, e.g. `partners[17] (id "1042"): placementId "9999" names no partner`;
 * `record` is the record's path (`partners[17]`, `orders[3]`, `plan.ranks[2].gv`).
 */
export class PeriodInputError extends ValidationError {
  constructor(
    readonly record: string,
    readonly rule: PeriodInputRule,
    message: string,
  ) {
    super(message, [{ field: record, rule, message }]);
  }
}

/** `partners[17] (id "1042")`, or `partners[17]` when the record has no usable id. */
export function recordLabel(list: string, index: number, id: unknown): string {
  const path = `${list}[${index}]`;
  return typeof id === 'string' && id !== '' ? `${path} (id ${JSON.stringify(id)})` : path;
}

export function refuse(list: string, index: number, id: unknown, rule: PeriodInputRule, message: string): never {
  throw new PeriodInputError(`${list}[${index}]`, rule, `${recordLabel(list, index, id)}: ${message}`);
}
