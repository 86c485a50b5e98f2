/** out_trade_no of an order: its id without dashes (32 characters of [0-9a-f], within WeChat's 6-32). */
export const outTradeNoFor = (orderId: string): string => orderId.replace(/-/g, '');

/** out_refund_no of a refund row: derived from its id, so a retried request is the same refund. */
export const outRefundNoFor = (refundId: string): string => `RF${refundId.replace(/-/g, '')}`;

/** The business key of the refund owed when money arrives for an order already cancelled. */
export const latePaymentRefundKey = (orderId: string): string => `late-payment:${orderId}`;
