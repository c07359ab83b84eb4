import { LINE_KINDS, type LineKind } from '@arbor/shared/commissions/bonuses';
import type { Language } from '@arbor/shared/members/model';
import { formatMoney, type Currency } from '@arbor/shared/money';
import type { OutgoingEmail } from './send.js';
import { escapeHtml } from '@arbor/shared/html';

function layout(paragraphs: string[], action?: { label: string; url: string }): string {
  const body = paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('');
  const button = action
    ? `<p><a href="${escapeHtml(action.url)}" style="background:#1f6f43;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none">${escapeHtml(action.label)}</a></p>`
    : '';
  return `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5">${body}${button}</body></html>`;
}

const COPY = {
  en: {
    welcomeSubject: 'Welcome to Arbor',
    welcomeLines: (name: string, id: string, username: string) => [
      `Hello ${name},`,
      `Your account is ready. Your member ID is ${id} and your username is ${username}.`,
      'Sign in to your back office to finish your profile and meet your team.',
    ],
    welcomeAction: 'Sign in',
    resetSubject: 'Reset your Arbor password',
    resetLines: (name: string, minutes: number) => [
      `Hello ${name},`,
      `Someone (we hope you) asked to reset the password of your back-office account. The link works once and for ${minutes} minutes.`,
      'If you did not ask for this, ignore this email: your password stays as it is.',
    ],
    resetAction: 'Choose a new password',
    changedSubject: 'Your Arbor password was changed',
    changedLines: (name: string) => [
      `Hello ${name},`,
      'The password of your back-office account was just changed, and every other session was signed out.',
      'If this was not you, reset your password now and call support.',
    ],
  },
  es: {
    welcomeSubject: 'Bienvenido a Arbor',
    welcomeLines: (name: string, id: string, username: string) => [
      `¡Hola ${name}!`,
      `Tu cuenta está lista. Tu ID de miembro es ${id} y tu usuario es ${username}.`,
      'Entra a tu oficina virtual para completar tu perfil y conocer a tu equipo.',
    ],
    welcomeAction: 'Entrar a mi oficina',
    resetSubject: 'Restablece tu contraseña de Arbor',
    resetLines: (name: string, minutes: number) => [
      `Hola ${name}:`,
      `Alguien (esperamos que tú) pidió restablecer la contraseña de tu oficina virtual. El enlace sirve una sola vez y durante ${minutes} minutos.`,
      'Si no lo pediste, ignora este correo: tu contraseña no cambia.',
    ],
    resetAction: 'Elegir una contraseña nueva',
    changedSubject: 'Tu contraseña de Arbor cambió',
    changedLines: (name: string) => [
      `Hola ${name}:`,
      'La contraseña de tu oficina virtual acaba de cambiar y se cerraron todas las demás sesiones.',
      'Si no fuiste tú, restablece tu contraseña ahora y llama a soporte.',
    ],
  },
} as const;

export function passwordResetEmail(
  to: string,
  name: string,
  language: Language,
  url: string,
  minutes: number,
): OutgoingEmail {
  const copy = COPY[language];
  const lines = copy.resetLines(name, minutes);
  return {
    to,
    kind: 'security',
    subject: copy.resetSubject,
    text: [...lines, '', `${copy.resetAction}: ${url}`].join('\n'),
    html: layout(lines, { label: copy.resetAction, url }),
  };
}

export function passwordChangedEmail(to: string, name: string, language: Language): OutgoingEmail {
  const copy = COPY[language];
  const lines = copy.changedLines(name);
  return { to, kind: 'security', subject: copy.changedSubject, text: lines.join('\n'), html: layout(lines) };
}

const EMAIL_CHANGED_COPY = {
  en: {
    subject: 'The email of your Arbor account was changed',
    lines: (name: string, masked: string) => [
      `Hello ${name},`,
      `The email of your back-office account was just changed to ${masked}, and the account was signed out everywhere else. Mail about your account (password resets included) now goes there.`,
      'If this was not you, call support right away.',
    ],
  },
  es: {
    subject: 'Cambió el correo de tu cuenta de Arbor',
    lines: (name: string, masked: string) => [
      `Hola ${name}:`,
      `El correo de tu oficina virtual acaba de cambiar a ${masked} y se cerró la sesión en los demás dispositivos. Los avisos de tu cuenta (incluido restablecer la contraseña) llegan ahora ahí.`,
      'Si no fuiste tú, llama a soporte de inmediato.',
    ],
  },
} as const;

/** `ana.perez@example.com` -> `a•••@example.com`: enough to recognise, not enough to harvest. */
export const maskEmail = (email: string) => {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}•••@${domain}`;
};

/**
 * Sent to the OLD address when a member's email changes: whoever holds the
 * old mailbox learns of it, even when the change was made to take the account over.
 */
export function emailChangedEmail(
  oldEmail: string,
  member: { firstName: string; language: Language },
  newEmail: string,
): OutgoingEmail {
  const copy = EMAIL_CHANGED_COPY[member.language];
  const lines = copy.lines(member.firstName, maskEmail(newEmail));
  return { to: oldEmail, subject: copy.subject, text: lines.join('\n'), html: layout(lines) };
}

export function welcomeEmail(
  to: string,
  name: string,
  language: Language,
  member: { id: string; username: string },
  url: string,
): OutgoingEmail {
  const copy = COPY[language];
  const lines = copy.welcomeLines(name, member.id, member.username);
  return {
    to,
    subject: copy.welcomeSubject,
    text: [...lines, '', `${copy.welcomeAction}: ${url}`].join('\n'),
    html: layout(lines, { label: copy.welcomeAction, url }),
  };
}

const ORDER_COPY = {
  en: {
    subject: (id: string) => `Your order ${id}`,
    intro: (name: string, id: string) => `Thank you, ${name}. We received your order ${id}.`,
    total: 'Total',
    view: 'See your order',
  },
  es: {
    subject: (id: string) => `Tu pedido ${id}`,
    intro: (name: string, id: string) => `Gracias, ${name}. Recibimos tu pedido ${id}.`,
    total: 'Total',
    view: 'Ver tu pedido',
  },
} as const;

export function orderConfirmationEmail(
  buyer: { email: string; firstName: string; language: Language },
  order: {
    id: string;
    lines: { name: string; quantity: number; lineTotal: number }[];
    total: number;
    currency: Currency;
  },
  appUrl = process.env.APP_URL ?? '',
): OutgoingEmail {
  const copy = ORDER_COPY[buyer.language];
  const money = (amount: number) =>
    formatMoney({ amount, currency: order.currency }, buyer.language === 'es' ? 'es-MX' : 'en-US');
  const lines = [
    copy.intro(buyer.firstName, order.id),
    ...order.lines.map((l) => `${l.quantity} × ${l.name}: ${money(l.lineTotal)}`),
    `${copy.total}: ${money(order.total)}`,
  ];
  const url = `${appUrl}/orders/${order.id}`;
  return {
    to: buyer.email,
    subject: copy.subject(order.id),
    text: [...lines, '', `${copy.view}: ${url}`].join('\n'),
    html: layout(lines, { label: copy.view, url }),
  };
}

const AUTOSHIP_COPY = {
  en: {
    subject: 'Your smart order could not be processed',
    lines: (name: string, date: string, reason: string) => [
      `Hello ${name},`,
      `We could not process your smart order of ${date}: ${reason}`,
      'Update your payment method or your smart order, and it will run again next month.',
    ],
    action: 'Review my smart order',
  },
  es: {
    subject: 'No pudimos procesar tu pedido automático',
    lines: (name: string, date: string, reason: string) => [
      `Hola ${name}:`,
      `No pudimos procesar tu pedido automático del ${date}: ${reason}`,
      'Actualiza tu forma de pago o tu pedido y se procesará de nuevo el próximo mes.',
    ],
    action: 'Revisar mi pedido automático',
  },
} as const;

/** Card declines in the member's words; other reasons keep the server's message. */
const DECLINE_WORDS: Record<Language, Record<string, string>> = {
  en: {
    card_declined: 'the card was declined by the bank.',
    expired_card: 'the card has expired.',
    insufficient_funds: 'the card has insufficient funds.',
  },
  es: {
    card_declined: 'el banco rechazó la tarjeta.',
    expired_card: 'la tarjeta está vencida.',
    insufficient_funds: 'la tarjeta no tiene fondos suficientes.',
  },
};

export function autoshipDeclinedEmail(
  member: { email: string; firstName: string; language: Language },
  runDate: string,
  why: { message: string; code: string },
  appUrl = process.env.APP_URL ?? '',
): OutgoingEmail {
  const copy = AUTOSHIP_COPY[member.language];
  const lines = copy.lines(member.firstName, runDate, DECLINE_WORDS[member.language][why.code] ?? why.message);
  const url = `${appUrl}/smart-order`;
  return {
    to: member.email,
    subject: copy.subject,
    text: [...lines, '', `${copy.action}: ${url}`].join('\n'),
    html: layout(lines, { label: copy.action, url }),
  };
}

const STATEMENT_COPY = {
  en: {
    locale: 'en-US',
    week: (week: number, year: number) => `week ${week} of ${year}`,
    subject: (period: string) => `Your commissions for ${period}`,
    lines: (name: string, period: string, total: string) => [
      `Hello ${name},`,
      `Your commissions for ${period} are final: ${total}.`,
    ],
    bonus: {
      unilevel: 'Unilevel',
      fastStart: 'Fast start',
      rankAdvancement: 'Rank advancement',
      reversal: 'Reversals',
    },
    action: 'See why each amount was paid',
  },
  es: {
    locale: 'es-MX',
    week: (week: number, year: number) => `la semana ${week} de ${year}`,
    subject: (period: string) => `Tus comisiones de ${period}`,
    lines: (name: string, period: string, total: string) => [
      `Hola ${name}:`,
      `Tus comisiones de ${period} son definitivas: ${total}.`,
    ],
    bonus: {
      unilevel: 'Unilevel',
      fastStart: 'Inicio rápido',
      rankAdvancement: 'Avance de rango',
      reversal: 'Reversiones',
    },
    action: 'Ver por qué se pagó cada monto',
  },
} as const;

/** "2026-10" -> "October 2026"; "2026-W44" -> "week 44 of 2026". */
function periodName(periodId: string, language: Language): string {
  const copy = STATEMENT_COPY[language];
  const week = /^(\d{4})-W(\d{2})$/.exec(periodId);
  if (week) return copy.week(Number(week[2]), Number(week[1]));
  const [year, month] = periodId.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat(copy.locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    Date.UTC(year, month - 1, 1),
  );
}

/** A partner's statement when a period is final: the total, each bonus, and a link to the explanations. */
export function commissionStatementEmail(
  member: { email: string; firstName: string; language: Language },
  statement: { periodId: string; total: number; byBonus: Partial<Record<LineKind, number>>; currency: Currency },
  appUrl = process.env.APP_URL ?? '',
): OutgoingEmail {
  const copy = STATEMENT_COPY[member.language];
  const period = periodName(statement.periodId, member.language);
  const money = (amount: number) => formatMoney({ amount, currency: statement.currency }, copy.locale);
  const lines = [
    ...copy.lines(member.firstName, period, money(statement.total)),
    ...LINE_KINDS.filter((kind) => (statement.byBonus[kind] ?? 0) !== 0).map(
      (kind) => `${copy.bonus[kind]}: ${money(statement.byBonus[kind]!)}`,
    ),
  ];
  const url = `${appUrl}/commissions/${statement.periodId}`;
  return {
    to: member.email,
    subject: copy.subject(period),
    text: [...lines, '', `${copy.action}: ${url}`].join('\n'),
    html: layout(lines, { label: copy.action, url }),
  };
}

const SMART_ORDERS_CANCELED_COPY = {
  en: {
    subject: 'Your smart orders were canceled',
    lines: (name: string, count: number) => [
      `Hello ${name},`,
      `Your account was canceled, so your ${count === 1 ? 'smart order was' : `${count} smart orders were`} canceled too. Your card will not be charged again.`,
      'If this is a mistake, call support.',
    ],
  },
  es: {
    subject: 'Tus pedidos inteligentes se cancelaron',
    lines: (name: string, count: number) => [
      `Hola ${name}:`,
      `Tu cuenta se canceló, así que ${count === 1 ? 'tu pedido inteligente también se canceló' : `tus ${count} pedidos inteligentes también se cancelaron`}. No se hará ningún otro cargo a tu tarjeta.`,
      'Si es un error, llama a soporte.',
    ],
  },
} as const;

/** Tells a canceled member that its smart orders stopped with its account. */
export function smartOrdersCanceledEmail(
  member: { email: string; firstName: string; language: Language },
  count: number,
): OutgoingEmail {
  const copy = SMART_ORDERS_CANCELED_COPY[member.language];
  const lines = copy.lines(member.firstName, count);
  return { to: member.email, subject: copy.subject, text: lines.join('\n'), html: layout(lines) };
}
