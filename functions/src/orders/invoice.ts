import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import type { Member } from '@arbor/shared/members/model';
import type { Order } from '@arbor/shared/orders/model';

const money = (amount: number, currency: string) => {
  const sign = amount < 0 ? '-' : '';
  const abs = Math.abs(amount);
  return `${sign}${currency} ${Math.trunc(abs / 100).toLocaleString('en-US')}.${String(abs % 100).padStart(2, '0')}`;
};

const CONTROL = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

/**
 * Text as the standard PDF fonts can draw it: they encode WinAnsi only, and
 * pdf-lib throws on anything else (a control character in an address made the
 * invoice a 500). Controls and invisible formatting become spaces; a letter
 * without a glyph loses its accent (ő → o) or becomes '?'.
 */
export function pdfText(text: string, glyphs: ReadonlySet<number>): string {
  const drawable = (value: string) => value !== '' && [...value].every((c) => glyphs.has(c.codePointAt(0)!));
  return [...text.normalize('NFC')]
    .map((char) => {
      if (CONTROL.test(char)) return ' ';
      if (drawable(char)) return char;
      const base = char.normalize('NFKD').replace(/\p{M}/gu, '');
      return drawable(base) ? base : '?';
    })
    .join('');
}

/**
 * The invoice as a one-page PDF (pdf-lib: pure JavaScript, so the Lambda
 * bundle carries no fonts or native code). Long orders continue on more pages.
 */
export async function renderInvoicePdf(order: Order, buyer: Member | null): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Invoice ${order.id}`);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const glyphs = new Set(font.getCharacterSet().filter((c) => bold.getCharacterSet().includes(c)));
  const printable = (value: string) => pdfText(value, glyphs);
  let page = pdf.addPage([612, 792]);
  let y = 740;
  const text = (value: string, x: number, options: { size?: number; bold?: boolean; right?: boolean } = {}) => {
    const size = options.size ?? 10;
    const f = options.bold ? bold : font;
    const content = printable(value);
    const width = f.widthOfTextAtSize(content, size);
    page.drawText(content, { x: options.right ? x - width : x, y, size, font: f, color: rgb(0.1, 0.14, 0.12) });
  };
  const line = () => {
    page.drawLine({
      start: { x: 50, y: y + 12 },
      end: { x: 562, y: y + 12 },
      thickness: 0.5,
      color: rgb(0.8, 0.84, 0.82),
    });
  };

  text('Arbor', 50, { size: 20, bold: true });
  text(`Invoice ${order.id}`, 562, { size: 14, bold: true, right: true });
  y -= 22;
  text(`Date: ${order.createdAt.slice(0, 10)}`, 562, { right: true });
  text(`Status: ${order.status}`, 50);
  y -= 30;
  text('Bill to / Ship to', 50, { bold: true });
  y -= 14;
  const address = order.shippingAddress;
  for (const row of [
    buyer ? `${buyer.displayName} (ID ${buyer.id})` : `Member ${order.buyerId}`,
    address.line1,
    address.line2 ?? '',
    `${address.city}, ${address.region} ${address.postalCode}`,
    address.country,
  ].filter(Boolean)) {
    text(row, 50);
    y -= 13;
  }
  y -= 14;
  text('Item', 50, { bold: true });
  text('Qty', 360, { bold: true, right: true });
  text('Unit', 450, { bold: true, right: true });
  text('Amount', 562, { bold: true, right: true });
  y -= 16;
  for (const item of order.lines) {
    if (y < 120) {
      page = pdf.addPage([612, 792]);
      y = 740;
    }
    line();
    text(`${item.sku}  ${item.name}`.slice(0, 60), 50);
    text(String(item.quantity), 360, { right: true });
    text(money(item.unitPrice, order.currency), 450, { right: true });
    text(money(item.lineTotal, order.currency), 562, { right: true });
    y -= 16;
  }
  y -= 8;
  for (const [label, amount] of [
    ['Subtotal', order.subtotal],
    ['Shipping', order.shipping],
    ['Tax', order.tax],
    ['Total', order.total],
    ...(order.refundedTotal ? [['Refunded', -order.refundedTotal] as const] : []),
  ] as const) {
    text(label, 450, { right: true, bold: label === 'Total' });
    text(money(amount, order.currency), 562, { right: true, bold: label === 'Total' });
    y -= 15;
  }
  y -= 10;
  text(`Volume: ${order.pv} PV`, 50);
  y -= 14;
  for (const tender of order.tenders.filter((t) => t.status !== 'declined')) {
    text(`Paid ${money(tender.amount, order.currency)} with ${tender.label}`, 50);
    y -= 13;
  }
  if (order.trackingNumber) text(`Tracking: ${order.trackingNumber}`, 50);
  return pdf.save();
}
