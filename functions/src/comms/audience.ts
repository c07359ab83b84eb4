import { mailabilityOf, type ResolvedAudience } from '@arbor/shared/comms/audience';
import type { Member } from '@arbor/shared/members/model';
import { getMember } from '../members/repository.js';
import { audiencePage, audienceSources, type AudienceMember } from './repository.js';

/** Entries read per request, by the preview and the fan-out alike (DynamoDB reads up to 1 MB a request anyway). */
export const AUDIENCE_PAGE = 2000;

/** Where a read of an audience is: which source (`segment`) and where in it. */
export interface AudiencePosition {
  segment: number;
  cursor: string | null;
}

/**
 * Reads an audience one page at a time, source after source (the downline
 * index by level, the customers' enroller entries, a sponsor's enrollees, the
 * company's shards, or the one sponsor). `next` is null after the last page.
 * The same position always reads the same page, which is what makes a
 * retried fan-out queue the same chunks.
 */
export async function readAudiencePage(
  sender: Pick<Member, 'id' | 'sponsorId'>,
  audience: ResolvedAudience,
  at: AudiencePosition,
  limit: number,
): Promise<{ items: AudienceMember[]; next: AudiencePosition | null }> {
  const sources = audienceSources(audience);
  const source = sources[at.segment];
  if (!source) return { items: [], next: null };
  const after = (cursor: string | null): AudiencePosition | null =>
    cursor
      ? { segment: at.segment, cursor }
      : at.segment + 1 < sources.length
        ? { segment: at.segment + 1, cursor: null }
        : null;

  if (source.from === 'sponsor') {
    const sponsor = sender.sponsorId ? await getMember(sender.sponsorId) : null;
    // The sponsor is one person the partner chose on purpose: the filters do not apply to it.
    const reachable = sponsor && sponsor.kind !== 'staff' && sponsor.status !== 'canceled';
    const items = reachable ? [{ memberId: sponsor.id, mail: mailabilityOf(sponsor), language: sponsor.language }] : [];
    return { items, next: after(null) };
  }
  const page = await audiencePage(sender.id, audience, source, at.cursor, limit);
  return { items: page.items, next: after(page.cursor) };
}
