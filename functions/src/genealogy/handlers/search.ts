import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { genealogyApi } from '@arbor/shared/api/genealogy';
import { keys } from '@arbor/shared/keys';
import { isStaff } from '@arbor/shared/members/model';
import { route } from '../../lib/http.js';
import { db } from '../../lib/aws.js';
import { env } from '../../lib/env.js';
import { normalizeName } from '../../members/names.js';
import { memberFromItem } from '../../members/repository.js';
import { canSee } from '../../members/scope.js';
import { getMember } from '../../members/repository.js';
import { downlinePage, profilesOf } from '../queries.js';
import { teamOwner } from '../scope.js';
import { treeNode } from '../views.js';

/**
 * Finds a member by ID or by name: in the caller's placement downline for a
 * partner (or `of` someone in it); across the company (by last name) for staff.
 */
export const handler = route(genealogyApi.search, async ({ query, principal }) => {
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
