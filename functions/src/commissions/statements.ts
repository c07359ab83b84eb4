import type { PartnerPeriod } from '@arbor/shared/commissions/records';
import { DEFAULT_SETTINGS } from '@arbor/shared/company';
import { getCompanySettings } from '../company/repository.js';
import { sendEmails } from '../email/send.js';
import { commissionStatementEmail } from '../email/templates.js';
import { getMembers } from '../members/repository.js';

/** One statement per partner and period, whatever retries the close makes. */
export const statementEmailId = (periodId: string, memberId: string) => `statement-${periodId}-${memberId}`;

/**
 * Mails each partner of a finalized chunk that earned something its
 * statement. Runs inside the finalize Map, so a million partners are mailed
 * chunk by chunk; a retried chunk queues the same ids and nobody gets two.
 */
export async function sendStatements(periodId: string, partners: readonly PartnerPeriod[]): Promise<number> {
  const earners = partners.filter((p) => p.total > 0);
  if (earners.length === 0) return 0;
  const settings = await getCompanySettings();
  const currency = settings?.payoutMinimum.currency ?? DEFAULT_SETTINGS.payoutMinimum.currency;
  const members = new Map((await getMembers(earners.map((p) => p.memberId))).map((m) => [m.id, m]));
  const emails = earners.flatMap((partner) => {
    const member = members.get(partner.memberId);
    if (!member || member.status === 'canceled') return [];
    const email = commissionStatementEmail(member, {
      periodId,
      total: partner.total,
      byBonus: partner.byBonus,
      currency,
    });
    return [{ id: statementEmailId(periodId, member.id), ...email }];
  });
  await sendEmails(emails);
  return emails.length;
}
