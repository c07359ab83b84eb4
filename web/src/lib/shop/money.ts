/**
 * Money typed by people ("12.5", "1299", "19,99") into integer minor units, and back, by string
 * handling only: `Math.round(12.34 * 100)` style float math is never used, so "0.29" is 29 cents,
 * not 28.999… rounded.
 */

/**
 * "12.50" -> 1250, "12" -> 1200, "12,5" -> 1250 (comma as the decimal mark), "" / "1.234" /
 * "-3" / "1,000.00" -> null (not a plain amount with at most `digits` decimals).
 */
export function parseMoneyInput(text: string, digits = 2): number | null {
  const trimmed = text.trim().replace(/\s/g, '');
  const match = /^(\d+)(?:[.,](\d*))?$/.exec(trimmed);
  if (!match) return null;
  const whole = match[1]!;
  const fraction = match[2] ?? '';
  if (fraction.length > digits) return null;
  const minor = `${whole}${fraction.padEnd(digits, '0')}`.replace(/^0+(?=\d)/, '');
  const value = Number(minor);
  return Number.isSafeInteger(value) ? value : null;
}

/** 1250 -> "12.50": what the input shows for a stored amount. */
export function moneyInputText(amount: number, digits = 2): string {
  const sign = amount < 0 ? '-' : '';
  const text = String(Math.abs(amount)).padStart(digits + 1, '0');
  return digits ? `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}` : `${sign}${text}`;
}

/** A whole number typed in a field (PV, grams, quantities): digits only, else null. */
export function parseWholeNumber(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return Number.isSafeInteger(value) ? value : null;
}
