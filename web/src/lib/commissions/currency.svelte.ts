/**
 * The one currency commissions are paid in, from `GET /api/company`. Read lazily the first
 * time an amount is shown; until it answers (or outside a browser) USD stands in, and amounts
 * already on screen re-render when it arrives.
 */
import type { Currency } from '@arbor/shared/money';
import { loadCompany } from '../company';

const payout = $state<{ currency: Currency }>({ currency: 'USD' });
let asked = false;

export function payoutCurrency(): Currency {
  if (!asked && typeof window !== 'undefined') {
    asked = true;
    loadCompany()
      .then((company) => (payout.currency = company.payoutCurrency))
      .catch(() => (asked = false));
  }
  return payout.currency;
}
