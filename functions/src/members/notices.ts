import type { Language } from '@arbor/shared/members/model';
import type { OutgoingEmail } from '../email/send.js';

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** `ana.perez@example.com` -> `a•••@example.com`: enough to recognise, not enough to harvest. */
export const maskEmail = (email: string) => {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}•••@${domain}`;
};

const COPY = {
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

/**
 * Sent to the OLD address when a member's email changes: whoever controlled
 * the old mailbox learns of it, even if the change was made to take the account over.
 */
export function emailChangedNotice(
  oldEmail: string,
  member: { firstName: string; language: Language },
  newEmail: string,
): OutgoingEmail {
  const copy = COPY[member.language];
  const lines = copy.lines(member.firstName, maskEmail(newEmail));
  return {
    to: oldEmail,
    subject: copy.subject,
    text: lines.join('\n'),
    html: `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5">${lines
      .map((p) => `<p>${escapeHtml(p)}</p>`)
      .join('')}</body></html>`,
  };
}
