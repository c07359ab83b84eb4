import { ordersApi } from '@arbor/shared/api/orders';
import { areaRouter } from '../area-router.js';
import { getShopProduct, listShopProducts } from './handlers/products.js';
import { placeOrder, quote } from './handlers/checkout.js';
import { cancel, deliver, getOrderDetail, invoicePdf, listOrders, pay, refund, ship } from './handlers/orders.js';
import { addPaymentMethod, deletePaymentMethod, listPaymentMethods } from './handlers/payment-methods.js';
import { giftCardBalance } from './handlers/gift-cards.js';

export const handler = areaRouter('orders', ordersApi, {
  listShopProducts,
  getShopProduct,
  quote,
  placeOrder,
  listOrders,
  getOrderDetail,
  invoicePdf,
  cancel,
  refund,
  ship,
  deliver,
  pay,
  listPaymentMethods,
  addPaymentMethod,
  deletePaymentMethod,
  giftCardBalance,
});
