import { escapeHtml } from '@arbor/shared/html';
import type { Language } from '@arbor/shared/members/model';
import type { OutgoingEmail } from '../email/send.js';

const COPY = {
  en: {
    subject: (number: number, subject: string) => `[Case #${number}] ${subject}`,
    signature: 'Customer support',
    member: (url: string) => `To answer, open the case in your back office: ${url}`,
    contact: (number: number) => `To add anything, write to us again and quote case #${number}.`,
  },
  es: {
    subject: (number: number, subject: string) => `[Caso #${number}] ${subject}`,
    signature: 'Atención al cliente',
    member: (url: string) => `Para responder, abre el caso en tu oficina virtual: ${url}`,
    contact: (number: number) => `Si quieres añadir algo, escríbenos de nuevo citando el caso #${number}.`,
  },
} as const;

/** Support's reply on a case, to the member (with a link to answer in the portal) or to the contact. */
export function caseReplyEmail(input: {
  to: string;
  number: number;
  subject: string;
  body: string;
  language: Language;
  /** The portal page of the case, for a member; null for a contact without an account. */
  caseUrl: string | null;
}): OutgoingEmail {
  const copy = COPY[input.language];
  const closing = input.caseUrl ? copy.member(input.caseUrl) : copy.contact(input.number);
  const paragraphs = [...input.body.split(/\n{2,}/), `— ${copy.signature}`, closing];
  return {
    to: input.to,
    subject: copy.subject(input.number, input.subject).replace(/[\r\n]+/g, ' '),
    text: [input.body, '', `— ${copy.signature}`, '', closing].join('\n'),
    html: `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5">${paragraphs
      .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
      .join('')}</body></html>`,
  };
}
