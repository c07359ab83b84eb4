import { summarizeAutoships, type Autoship } from '@arbor/shared/orders/autoship';
import { productsBySku } from '../catalog/repository.js';
import { listMethods } from '../payments/methods.js';
import { setAutoshipSummary } from './repository.js';

/**
 * Writes the member's smart-order summary onto its profile, where its uplines'
 * team reports read it (and the genealogy stream copies the status into their
 * downline entries).
 */
export async function refreshAutoshipSummary(
  memberId: string,
  market: string,
  autoships: readonly Autoship[],
): Promise<void> {
  const [products, methods] = await Promise.all([productsBySku(), listMethods(memberId)]);
  const summary = summarizeAutoships(autoships, market, products, (id) => methods.find((m) => m.id === id) ?? null);
  if (summary) await setAutoshipSummary(memberId, summary);
}
