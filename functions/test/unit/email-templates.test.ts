import { describe, expect, it } from 'vitest';
import { autoshipDeclinedEmail, commissionStatementEmail, orderConfirmationEmail } from '../../src/email/templates.js';

const ana = { email: 'ana@example.com', firstName: 'Ana', language: 'es' as const };
const sam = { email: 'sam@example.com', firstName: 'Sam', language: 'en' as const };

describe('commission statement email', () => {
  it('names the month in the member’s language, lists only the bonuses paid, and links to the explanations', () => {
    const mail = commissionStatementEmail(
      ana,
      {
        periodId: '2026-10',
        total: 123456,
        byBonus: { unilevel: 100000, fastStart: 23456, rankAdvancement: 0 },
        currency: 'MXN',
      },
      'https://office.example.com',
    );
    expect(mail.subject).toBe('Tus comisiones de octubre de 2026');
    expect(mail.text).toContain('son definitivas: $1,234.56');
    expect(mail.text).toContain('Unilevel: $1,000.00');
    expect(mail.text).toContain('Inicio rápido: $234.56');
    expect(mail.text).not.toContain('Avance de rango');
    expect(mail.text).toContain('https://office.example.com/commissions/2026-10');
    expect(mail.html).toContain('href="https://office.example.com/commissions/2026-10"');
  });

  it('names a weekly period by its week', () => {
    const mail = commissionStatementEmail(sam, {
      periodId: '2026-W44',
      total: 5000,
      byBonus: { fastStart: 5000 },
      currency: 'USD',
    });
    expect(mail.subject).toBe('Your commissions for week 44 of 2026');
    expect(mail.text).toContain('Fast start: $50.00');
  });
});

describe('order confirmation email', () => {
  it('shows each line and the total as money of the order’s currency', () => {
    const mail = orderConfirmationEmail(sam, {
      id: '100200',
      lines: [{ name: 'Magnesium Calm', quantity: 2, lineTotal: 4990 }],
      total: 5380,
      currency: 'USD',
    });
    expect(mail.text).toContain('2 × Magnesium Calm: $49.90');
    expect(mail.text).toContain('$53.80');
  });
});

describe('smart order declined email', () => {
  it('puts a card decline in the member’s words, and keeps other reasons as the server said them', () => {
    const declined = autoshipDeclinedEmail(ana, '2026-12-05', {
      code: 'insufficient_funds',
      message: 'Insufficient funds.',
    });
    expect(declined.text).toContain('la tarjeta no tiene fondos suficientes.');
    const retired = autoshipDeclinedEmail(sam, '2026-12-05', {
      code: 'inactive',
      message: 'Magnesium Calm is retired.',
    });
    expect(retired.text).toContain('Magnesium Calm is retired.');
  });
});
