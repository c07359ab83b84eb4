import { ordersApi } from '@arbor/shared/api/orders';
import { NotFoundError } from '@arbor/shared/errors';
import { noContent, route } from '../../lib/http.js';
import type { Principal } from '../../auth/principal.js';
import { changeableMember } from '../../members/scope.js';
import { appendMemberLog } from '../../members/repository.js';
import { listMethods, publicMethod, removeMethod, saveCard } from '../../payments/methods.js';

/**
 * The member itself or staff manage saved cards (within the role order: only
 * an admin touches a staff account); a card is kept as a token, brand, last 4 and expiry.
 */
const owner = (principal: Principal, id: string) => changeableMember(principal, id);

export const listPaymentMethods = route(ordersApi.listPaymentMethods, async ({ principal, params }) => {
  const member = await owner(principal, params.id);
  return { items: (await listMethods(member.id)).map(publicMethod) };
});

export const addPaymentMethod = route(ordersApi.addPaymentMethod, async ({ principal, params, body }) => {
  const member = await owner(principal, params.id);
  const method = await saveCard(member.id, body.card);
  if (member.id !== principal.memberId) {
    await appendMemberLog(member.id, {
      actorId: principal.memberId,
      action: 'support.card_added',
      detail: { last4: method.last4 },
    });
  }
  return { method: publicMethod(method) };
});

export const deletePaymentMethod = route(ordersApi.deletePaymentMethod, async ({ principal, params }) => {
  const member = await owner(principal, params.id);
  const method = (await listMethods(member.id)).find((m) => m.id === params.methodId);
  if (!method) throw new NotFoundError('No such card.', 'payment_method_not_found');
  await removeMethod(member.id, params.methodId);
  if (member.id !== principal.memberId) {
    await appendMemberLog(member.id, {
      actorId: principal.memberId,
      action: 'support.card_removed',
      detail: { last4: method.last4 },
    });
  }
  return noContent();
});
