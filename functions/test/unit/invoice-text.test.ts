import { describe, expect, it } from 'vitest';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { pdfText } from '../../src/orders/invoice.js';

describe('pdfText', () => {
  it('keeps what the standard fonts draw, turns controls into spaces and drops accents they lack', async () => {
    const pdf = await PDFDocument.create();
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    const glyphs = new Set(font.getCharacterSet());
    expect(pdfText('Calle Niño 5, São Paulo €', glyphs)).toBe('Calle Niño 5, São Paulo €');
    expect(pdfText('a\u0000b\tc\nd\u0085e\u200bf\u007f', glyphs)).toBe('a b c d e f ');
    expect(pdfText('Łódź Kraków ő', glyphs)).toBe('?ódz Kraków o');
    expect(pdfText('☃😀', glyphs)).toBe('??');
    // Whatever comes out, the font can encode it.
    const sample = pdfText(String.fromCodePoint(...Array.from({ length: 0x3000 }, (_, i) => i)), glyphs);
    expect(() => font.encodeText(sample)).not.toThrow();
  });
});
