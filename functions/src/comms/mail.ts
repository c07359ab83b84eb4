import type { MergeValues } from '@arbor/shared/comms/merge';
import type { MailSettings, RenderedMail, TemplateContent } from '@arbor/shared/comms/model';
import { renderBroadcastMail } from '@arbor/shared/comms/render';
import type { Language, Member } from '@arbor/shared/members/model';
import { rankName } from '../commissions/rank-names.js';
import type { SenderCard } from './records.js';

/** What a mail is made from: the template's text as the broadcast kept it, and the sender's own words. */
export interface BroadcastText {
  type: 'partner' | 'announcement';
  content: { en: TemplateContent; es: TemplateContent };
  subject?: string | undefined;
  message?: string | undefined;
  sender: SenderCard;
}

/** A recipient as merge fields see it; null for the extra address outside the company. */
export type Recipient = Pick<Member, 'firstName' | 'lastName' | 'displayName' | 'paidRank' | 'language'> | null;

/** Merge values for one recipient (rank names from the plan in force: call loadRankNames first). */
export function mergeValues(recipient: Recipient, sender: SenderCard, companyName: string): MergeValues {
  return {
    firstName: recipient?.firstName ?? '',
    lastName: recipient?.lastName ?? '',
    fullName: recipient?.displayName ?? '',
    rank: recipient ? rankName(recipient.paidRank) : '',
    senderName: sender.name,
    senderEmail: sender.email,
    senderPhone: sender.phone ?? '',
    siteLink: sender.siteLink,
    companyName,
  };
}

/** The mail one recipient gets, in its language, with the footer and (for a member) its unsubscribe link. */
export function broadcastMail(
  text: BroadcastText,
  recipient: Recipient,
  language: Language,
  context: { companyName: string; settings: MailSettings; unsubscribeUrl?: string },
): RenderedMail {
  return renderBroadcastMail({
    language,
    content: text.content[language],
    subject: text.subject,
    message: text.message,
    values: mergeValues(recipient, text.sender, context.companyName),
    footer: {
      companyName: context.companyName,
      postalAddress: context.settings.postalAddress,
      ...(context.unsubscribeUrl ? { unsubscribeUrl: context.unsubscribeUrl } : {}),
      ...(text.type === 'partner' ? { senderName: text.sender.name } : {}),
    },
  });
}
