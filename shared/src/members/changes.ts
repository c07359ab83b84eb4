/** Fields whose values never go into a log: only that they changed. */
const SECRET_FIELDS = new Set(['document', 'taxId', 'directDeposit']);

export type FieldChange = { from: unknown; to: unknown } | { changed: true };

/**
 * What an edit changed, field by field, with the old and the new value (for
 * the member's log: who changed what, from what, to what). Fields whose value
 * stayed the same are left out; secret fields say only that they changed.
 */
export function fieldChanges(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  fields: readonly string[],
): Record<string, FieldChange> {
  const changes: Record<string, FieldChange> = {};
  for (const field of fields) {
    const from = before[field] ?? null;
    const to = after[field] ?? null;
    if (JSON.stringify(from) === JSON.stringify(to)) continue;
    changes[field] = SECRET_FIELDS.has(field) ? { changed: true } : { from, to };
  }
  return changes;
}
