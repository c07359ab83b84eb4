import { nameWords, normalizeText } from '@arbor/shared/support/search';

export interface Segment {
  text: string;
  hit: boolean;
}

/** One character in the search's normal form (accents dropped, lower case), keeping the text's positions. */
const fold = (char: string) => normalizeText(char) || char;

/**
 * The shown match cut into plain and highlighted parts, the way the search compared it:
 * each query word marks where it starts a word of the value (accents and case ignored);
 * digits-only queries (phone, card, ID) mark the value's digits they end with.
 */
export function highlight(value: string, query: string): Segment[] {
  const chars = Array.from(value);
  const marks = new Array<boolean>(chars.length).fill(false);
  const digits = query.replace(/\D/g, '');
  if (/^[\s\d+().•*·-]+$/.test(query) && digits.length > 0) {
    // Mark the last `digits.length` digits of the value when they are the query's digits.
    const positions = chars.flatMap((char, i) => (/\d/.test(char) ? [i] : []));
    const tail = positions.slice(-digits.length);
    if (tail.length === digits.length && tail.map((i) => chars[i]).join('') === digits) {
      for (const i of tail) marks[i] = true;
    }
  } else {
    const folded = chars.map(fold);
    const words = nameWords(query);
    for (let start = 0; start < chars.length; start++) {
      const atWordStart = start === 0 || !/[\p{L}\p{N}]/u.test(chars[start - 1]!);
      if (!atWordStart) continue;
      for (const word of words) {
        const piece = folded.slice(start, start + word.length).join('');
        if (piece === word) for (let i = start; i < start + word.length; i++) marks[i] = true;
      }
    }
  }
  const segments: Segment[] = [];
  chars.forEach((char, i) => {
    const last = segments.at(-1);
    if (last && last.hit === marks[i]) last.text += char;
    else segments.push({ text: char, hit: marks[i]! });
  });
  return segments;
}
