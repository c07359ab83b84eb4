/**
 * Shapes the shop, order and smart-order endpoints answer with (functions/src/orders/handlers,
 * functions/src/autoship/handlers). Orders and autoships are the shared schemas' types as they are.
 */
import type { Category, LocalizedText, Quality } from '@arbor/shared/catalog/product';
import type { Money } from '@arbor/shared/money';
import type { AutoshipSummary } from '@arbor/shared/orders/autoship';
import type { TeamRow } from '../genealogy';

export type { Autoship, AutoshipStatus } from '@arbor/shared/orders/autoship';
export type { Order, OrderLine, OrderStatus, OrderType, Refund, Tender } from '@arbor/shared/orders/model';
export type { Product } from '@arbor/shared/catalog/product';

/** `shopView` in functions/src/orders/handlers/products.ts: a product as sold in one market. */
export interface ShopProduct {
  sku: string;
  name: LocalizedText;
  description: { en: string; es: string };
  categories: string[];
  qualities: string[];
  images: string[];
  price: Money;
  pv: number;
  cv: number;
  autoshipEligible: boolean;
  kit: { sku: string; quantity: number }[] | null;
}

export interface Catalog {
  market: string;
  categories: Category[];
  qualities: Quality[];
  items: ShopProduct[];
}

export interface CartItem {
  sku: string;
  quantity: number;
}

/** `Quote` in shared/src/orders/pricing.ts. */
export interface QuoteLine {
  sku: string;
  name: string;
  quantity: number;
  unitPrice: number;
  unitPv: number;
  unitCv: number;
  lineTotal: number;
}

export interface Quote {
  market: string;
  currency: Money['currency'];
  lines: QuoteLine[];
  subtotal: number;
  shipping: number;
  tax: number;
  total: number;
  pv: number;
  cv: number;
}

export interface GiftCardUse {
  /** Masked: ••••0025. */
  code: string;
  applied: number;
  balance: number;
}

export interface QuoteAnswer {
  quote: Quote;
  giftCards: GiftCardUse[];
  /** What is left for the card after the gift cards. */
  cardAmount: number;
}

/** `publicMethod` in functions/src/payments/methods.ts: a saved card without its token. */
export interface PaymentMethod {
  id: string;
  memberId: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
  holder: string;
  createdAt: string;
}

/** A row of `GET /api/team/autoships`: a team row with the member's smart-order summary. */
export interface TeamAutoshipRow extends TeamRow {
  autoship: AutoshipSummary | null;
}

/** Who the cart is for when it is not the signed-in member (staff, or a partner for its customer). */
export interface Buyer {
  id: string;
  name: string;
  market: string;
}
