import MarkdownIt from 'markdown-it';
import type { Language } from '../members/model.js';
import { applyMergeFields, type MergeValues } from './merge.js';
import type { RenderedMail, TemplateContent } from './model.js';
import { escapeHtml } from '../html.js';

/**
 * Text with light formatting (Markdown: paragraphs, **bold**, *italic*,
 * headings, lists, links, images) as HTML. Raw HTML is not allowed (it comes
 * out escaped) and links and images are limited to safe protocols
 * (markdown-it refuses `javascript:`, `vbscript:`, `file:` and non-image
 * `data:`), so what partners and admins write cannot script a page or a mail.
 */
const markdown = new MarkdownIt({ html: false, linkify: true, breaks: true });

export const renderMarkdown = (text: string): string => markdown.render(text);

/** Escapes Markdown syntax in a value merged into Markdown, so a name like `*Ana*` stays text. */
const escapeMarkdown = (value: string) => value.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => `\\${c}`);

const MESSAGE_SLOT = /\{\{\s*message\s*\}\}/g;

/** Why the recipient gets the mail, and how to stop it: the foot of every broadcast. */
export interface MailFooter {
  companyName: string;
  postalAddress: string;
  /** The signed one-click unsubscribe page for this recipient (absent for an address outside the company). */
  unsubscribeUrl?: string;
  /** A partner's broadcast names its sender; a company announcement does not. */
  senderName?: string;
}

const FOOTER = {
  en: {
    why: (footer: MailFooter) =>
      footer.senderName
        ? `You receive this email because you are on ${footer.senderName}'s team at ${footer.companyName}.`
        : `You receive this email as a member of ${footer.companyName}.`,
    unsubscribe: 'Unsubscribe from these emails',
  },
  es: {
    why: (footer: MailFooter) =>
      footer.senderName
        ? `Recibes este correo porque formas parte del equipo de ${footer.senderName} en ${footer.companyName}.`
        : `Recibes este correo como miembro de ${footer.companyName}.`,
    unsubscribe: 'Darte de baja de estos correos',
  },
} as const;

export interface BroadcastMailInput {
  language: Language;
  content: TemplateContent;
  /** The sender's own subject and text (templates with `{{message}}`). */
  subject?: string | undefined;
  message?: string | undefined;
  values: MergeValues;
  footer: MailFooter;
}

/**
 * A broadcast as one recipient receives it: the template in the recipient's
 * language with the sender's text in its `{{message}}` slot, merge fields
 * filled, and the footer (why, unsubscribe, the company's postal address).
 */
export function renderBroadcastMail(input: BroadcastMailInput): RenderedMail {
  const { values, footer } = input;
  const copy = FOOTER[input.language];
  const body = input.content.body.replace(MESSAGE_SLOT, () => input.message ?? '');
  const subject = applyMergeFields(input.subject ?? input.content.subject, values)
    .replace(/[\r\n]+/g, ' ')
    .trim();

  const why = copy.why(footer);
  const footerText = [
    '',
    '--',
    why,
    ...(footer.unsubscribeUrl ? [`${copy.unsubscribe}: ${footer.unsubscribeUrl}`] : []),
    `${footer.companyName} · ${footer.postalAddress}`,
  ];
  const text = [applyMergeFields(body, values).trim(), ...footerText].join('\n');

  const unsubscribe = footer.unsubscribeUrl
    ? `<p><a href="${escapeHtml(footer.unsubscribeUrl)}" style="color:#555">${escapeHtml(copy.unsubscribe)}</a></p>`
    : '';
  const html =
    `<!doctype html><html lang="${input.language}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>` +
    '<body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1b1b1b;max-width:640px;margin:0 auto;padding:16px">' +
    renderMarkdown(applyMergeFields(body, values, escapeMarkdown)) +
    '<hr style="border:none;border-top:1px solid #ddd;margin:24px 0 12px">' +
    `<div style="font-size:12px;color:#555"><p>${escapeHtml(why)}</p>${unsubscribe}` +
    `<p>${escapeHtml(footer.companyName)} · ${escapeHtml(footer.postalAddress)}</p></div>` +
    '</body></html>';
  return { language: input.language, subject, html, text };
}
