/**
 * Largest cv (cents) an order may carry: with rates capped at 10,000 bp,
 * cv * rateBp + 5000 stays below 2^53, so every step below is exact in a double.
 */
export const MAX_ORDER_CV = Math.floor((Number.MAX_SAFE_INTEGER - 5000) / 10_000);

/**
 * The amount a rate pays on cv, rounded half up: floor((cv * rateBp + 5000) / 10000).
 * The remainder is taken off before dividing, so the division is of an exact
 * multiple and no float rounding can push a result across an integer.
 */
export function roundedShare(cv: number, rateBp: number): number {
  const scaled = cv * rateBp + 5000;
  return (scaled - (scaled % 10_000)) / 10_000;
}

/** floor(a / b) for non-negative safe integers, exact for the same reason. */
export function floorDiv(a: number, b: number): number {
  return (a - (a % b)) / b;
}
