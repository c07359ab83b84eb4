import { z } from 'zod';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '@arbor/shared/keys';
import { isStaff } from '@arbor/shared/members/model';
import { route } from '../../lib/http.js';
import { db } from '../../lib/aws.js';
import { env } from '../../lib/env.js';
import { memberFromItem, normalizeName } from '../../members/items.js';
import { MemberRef } from '../../members/params.js';
import { canSee } from '../../members/scope.js';
import { getMember } from '../../members/repository.js';
import { downlinePage, profilesOf } from '../queries.js';
import { TEAM_ROLES, teamOwner } from '../scope.js';
import { treeNode } from '../views.js';

const SearchQuery = z.object({
  q: z.string().trim().min(1).max(60),
  of: MemberRef.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

/**
 * Finds a member by ID or by name: in the caller's placement downline for a
 * partner (or `of` someone in it); across the company (by last name) for staff.
 */
export const handler = route({ auth: TEAM_ROLES, query: SearchQuery }, async ({ query, principal }) => {
  if (/^\d+$/.test(query.q)) {
    const member = await getMember(query.q);
    return { items: member && canSee(principal, member) ? [treeNode(member, 'placement')] : [] };
  }
  if (isStaff(principal.role) && !query.of) {
    const name = normalizeName(query.q);
    const result = await db().send(
      new QueryCommand({
        TableName: env.tableName(),
        IndexName: 'GSI3',
        KeyConditionExpression: 'GSI3PK = :pk AND begins_with(GSI3SK, :name)',
        ExpressionAttributeValues: { ':pk': keys.nameIndex(name), ':name': name },
        Limit: query.limit,
      }),
    );
    return { items: (result.Items ?? []).map(memberFromItem).map((m) => treeNode(m, 'placement')) };
  }
  const owner = await teamOwner(principal, query.of);
  const page = await downlinePage(owner.id, { q: query.q }, query.limit);
  const members = await profilesOf(page.items);
  return { items: members.map((m) => treeNode(m, 'placement')) };
});
