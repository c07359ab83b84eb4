/**
 * What the shop, order and saved-card routes answer, as the API contract says
 * (shared/src/api/orders.ts, autoship.ts), and the cart's own state.
 */
import type { Response } from '../api';

/** A smart order as the caller may read it (an upline's view has no card and only the area of the address). */
export type Autoship = Response<'autoship.listMemberAutoships'>['items'][number];
export type { OrderStatus } from '@arbor/shared/orders/model';

/** The shop's catalog in one market: its categories, qualities and products. */
export type Catalog = Response<'orders.listShopProducts'>;
/** A product as sold in one market: its price, PV and CV there. */
export type ShopProduct = Catalog['items'][number];
/** A priced cart and how the gift cards cover it. */
export type QuoteAnswer = Response<'orders.quote'>;
/** An order as the caller may read it. */
export type Order = Response<'orders.getOrderDetail'>['order'];
export type Tender = Order['tenders'][number];
/** A saved card, without its token. */
export type PaymentMethod = Response<'orders.listPaymentMethods'>['items'][number];

/** A line of the cart. */
export interface CartItem {
  sku: string;
  quantity: number;
}

/** Who the cart is for when it is not the signed-in member (staff, or a partner for its customer). */
export interface Buyer {
  id: string;
  name: string;
  market: string;
}
