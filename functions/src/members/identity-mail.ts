import { escapeHtml } from '@arbor/shared/html';
import type { Language } from '@arbor/shared/members/model';
import type { OutgoingEmail } from '../email/send.js';

const COPY = {
  en: {
    approved: {
      subject: 'Your identity is verified',
      lines: (name: string) => [
        `Hello ${name},`,
        'We reviewed the identity documents you sent and your identity is now verified. Nothing else is needed.',
      ],
    },
    rejected: {
      subject: 'We could not verify your identity',
      lines: (name: string, reason: string) => [
        `Hello ${name},`,
        'We reviewed the identity documents you sent and could not verify your identity.',
        `Why: ${reason}`,
        'Upload a new document from your account (Account → Identity), or call support.',
      ],
    },
  },
  es: {
    approved: {
      subject: 'Tu identidad está verificada',
      lines: (name: string) => [
        `Hola ${name}:`,
        'Revisamos los documentos de identidad que enviaste y tu identidad ya está verificada. No hace falta nada más.',
      ],
    },
    rejected: {
      subject: 'No pudimos verificar tu identidad',
      lines: (name: string, reason: string) => [
        `Hola ${name}:`,
        'Revisamos los documentos de identidad que enviaste y no pudimos verificar tu identidad.',
        `Motivo: ${reason}`,
        'Sube un documento nuevo desde tu cuenta (Cuenta → Identidad) o llama a soporte.',
      ],
    },
  },
} as const;

/** The member is told support's decision on its identity documents, with the reason of a rejection. */
export function identityDecisionEmail(
  to: string,
  name: string,
  language: Language,
  decision: 'approved' | 'rejected',
  reason: string | undefined,
): OutgoingEmail {
  const copy = COPY[language] ?? COPY.en;
  const lines = decision === 'approved' ? copy.approved.lines(name) : copy.rejected.lines(name, reason ?? '');
  const subject = decision === 'approved' ? copy.approved.subject : copy.rejected.subject;
  return {
    to,
    subject,
    text: lines.join('\n'),
    html: `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5">${lines
      .map((line) => `<p>${escapeHtml(line)}</p>`)
      .join('')}</body></html>`,
  };
}
