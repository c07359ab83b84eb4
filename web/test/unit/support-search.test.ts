import { describe, expect, it } from 'vitest';
import { highlight } from '../../src/lib/support/search-highlight';

const marked = (value: string, query: string) =>
  highlight(value, query)
    .map((s) => (s.hit ? `[${s.text}]` : s.text))
    .join('');

describe('highlight', () => {
  it('marks the starts of words the query typed, accents and case ignored', () => {
    expect(marked('Taylor Baker', 'tay bak')).toBe('[Tay]lor [Bak]er');
    expect(marked('José Pérez', 'jose PEREZ')).toBe('[José] [Pérez]');
    expect(marked('taylor.baker@example.com', 'baker')).toBe('taylor.[baker]@example.com');
    expect(marked('Abbey', 'bey')).toBe('Abbey');
  });

  it('marks the digits a phone or card query ends with', () => {
    expect(marked('+1 (512) 555-0142', '555 0142')).toBe('+1 (512) [555]-[0142]');
    expect(marked('••••4242', '4242')).toBe('••••[4242]');
    expect(marked('1042', '1042')).toBe('[1042]');
    expect(marked('+1 (512) 555-0142', '9999')).toBe('+1 (512) 555-0142');
  });

  it('keeps characters outside the basic plane whole', () => {
    expect(marked('😀 Ana', 'ana')).toBe('😀 [Ana]');
  });
});
