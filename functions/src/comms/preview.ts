import { countInto, emptyCounts, resolveAudience } from '@arbor/shared/comms/audience';
import type { BroadcastDraft } from '@arbor/shared/comms/model';
import type { Language } from '@arbor/shared/members/model';
import type { Principal } from '../auth/principal.js';
import { loadRankNames } from '../commissions/rank-names.js';
import { getCompanySettings } from '../company/repository.js';
import { env } from '../lib/env.js';
import { getMember } from '../members/repository.js';
import { AUDIENCE_PAGE, readAudiencePage, type AudiencePosition } from './audience.js';
import { checkDraft, senderCard, type BroadcastType } from './broadcasts.js';
import { mailSettings } from './settings.js';
import { broadcastMail } from './mail.js';

/**
 * What a broadcast would do, without doing it: the whole audience is read
 * (the same pages the fan-out reads) and counted, recipients and exclusions
 * (opted out, bounced, no email); then the mail is rendered for the first
 * recipient of each language as that recipient will see it. The unsubscribe
 * link in a preview is not a working one: a sender never holds a link that
 * would opt a member of its team out.
 */
export async function previewBroadcast(principal: Principal, draft: BroadcastDraft, type: BroadcastType) {
  const { sender, template } = await checkDraft(principal, draft, type);
  const settings = await mailSettings();
  const company = await getCompanySettings();
  const companyName = company?.name ?? 'Arbor';
  await loadRankNames();

  const audience = resolveAudience(draft.audience);
  const counts = emptyCounts();
  const byLanguage = new Map<Language, { first: string | null; recipients: number }>();
  const tally = (language: Language, memberId: string | null) => {
    const entry = byLanguage.get(language) ?? { first: memberId, recipients: 0 };
    entry.recipients += 1;
    byLanguage.set(language, entry);
  };
  let at: AudiencePosition | null = { segment: 0, cursor: null };
  while (at) {
    const page = await readAudiencePage(sender, audience, at, AUDIENCE_PAGE);
    for (const member of page.items) {
      countInto(counts, member.mail);
      if (member.mail === 'ok') tally(member.language ?? 'en', member.memberId);
    }
    at = page.next;
  }
  if (draft.extraRecipient) {
    counts.recipients += 1;
    tally(sender.language, null);
  }

  const card = senderCard(sender, type, companyName, settings);
  const text = { type, content: template.content, subject: draft.subject, message: draft.message, sender: card };
  const context = { companyName, settings, unsubscribeUrl: `${env.appUrl().replace(/\/$/, '')}/unsubscribe` };
  if (byLanguage.size === 0) byLanguage.set(sender.language, { first: sender.id, recipients: 0 });
  const mails = await Promise.all(
    [...byLanguage].map(async ([language, { first, recipients }]) => {
      const sample = first ? await getMember(first) : null;
      return {
        ...broadcastMail(text, sample, language, context),
        recipients,
        sampleName: sample?.displayName ?? draft.extraRecipient ?? '',
      };
    }),
  );
  return { counts, mails };
}
