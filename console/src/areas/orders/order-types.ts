/** The merchant's view of an order (GET /v1/merchant/orders, docs/merchants.md "Orders"). */
export const ORDER_STATUSES = ['pending_payment', 'paid', 'partially_refunded', 'refunded', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ORDER_KINDS = ['standard', 'flash_sale', 'group_buy', 'gift_card'] as const;
export type OrderKind = (typeof ORDER_KINDS)[number];

export type RefundStatus = 'processing' | 'succeeded' | 'failed';

export interface OrderItem {
  productId: string;
  quantity: number;
  unitPriceFen: number;
}

export interface MerchantOrder {
  id: string;
  kind: OrderKind;
  status: OrderStatus;
  shopperId: string;
  items: OrderItem[];
  subtotalFen: number;
  discountFen: number;
  totalFen: number;
  couponId: string | null;
  expiresAt: string;
  paidAt: string | null;
  refundedFen: number;
  createdAt: string;
}

export interface OrderRefund {
  id: string;
  outRefundNo: string;
  amountFen: number;
  reason: string;
  status: RefundStatus;
  createdAt: string;
  succeededAt: string | null;
}

export interface MerchantOrderDetail extends MerchantOrder {
  refunds: OrderRefund[];
}

export const ORDERS_PATH = '/v1/merchant/orders';
