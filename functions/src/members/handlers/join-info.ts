import { membersApi } from '@arbor/shared/api/members';
import { NotFoundError } from '@arbor/shared/errors';
import { safeSocialLinks } from '@arbor/shared/members/model';
import { route } from '../../lib/http.js';
import { signedUrl } from '../../lib/uploads.js';
import { getCompanySettings } from '../../company/repository.js';
import { findMemberBySiteName } from '../repository.js';

/** What the public join page shows about the partner whose site it is (nothing private). */
export const handler = route(membersApi.joinInfo, async ({ params }) => {
  const sponsor = await findMemberBySiteName(params.siteName);
  if (!sponsor || sponsor.kind !== 'partner' || sponsor.status === 'canceled') {
    throw new NotFoundError('There is no partner site with that name.', 'site_not_found');
  }
  const settings = await getCompanySettings();
  return {
    sponsor: {
      displayName: sponsor.displayName,
      // The member found by its site name has that site name.
      siteName: sponsor.siteName ?? params.siteName,
      avatarUrl: sponsor.avatarKey ? await signedUrl(sponsor.avatarKey) : null,
      // Links stored before they were checked may not be http(s): those never leave.
      social: safeSocialLinks(sponsor.social),
      market: sponsor.market,
    },
    company: {
      name: settings?.name ?? 'Arbor',
      markets: settings?.markets ?? [],
      levels: settings?.membershipLevels ?? [],
    },
  };
});
