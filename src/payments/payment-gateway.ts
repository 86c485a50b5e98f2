/**
 * Port: the payment provider, shaped after WeChat Pay API v3 (../shared/WECHATPAY.md). The sandbox adapter
 * implements it in-process with tables of its own; a production adapter calls the real API. Modules never
 * see which one is bound.
 */

export const TRADE_STATES = ['NOTPAY', 'SUCCESS', 'REFUND', 'CLOSED', 'PAYERROR'] as const;
export type TradeState = (typeof TRADE_STATES)[number];
export const REFUND_STATUSES = ['PROCESSING', 'SUCCESS', 'CLOSED', 'ABNORMAL'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];
export const TRANSFER_STATES = [
  'ACCEPTED',
  'PROCESSING',
  'WAIT_USER_CONFIRM',
  'TRANSFERING',
  'CANCELING',
  'SUCCESS',
  'FAIL',
  'CANCELLED',
] as const;
export type TransferState = (typeof TRANSFER_STATES)[number];

export const TERMINAL_TRANSFER_STATES: readonly TransferState[] = ['SUCCESS', 'FAIL', 'CANCELLED'];

export interface PayParams {
  appId: string;
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: 'RSA';
  paySign: string;
}

export interface JsapiOrderRequest {
  /** 6-32 of [0-9A-Za-z_-|*], unique per merchant account. */
  outTradeNo: string;
  description: string;
  amountFen: number;
  payerOpenid: string;
  /** The provider refuses payment after this instant. */
  timeExpire: Date;
  attach?: string;
}

export interface JsapiOrder {
  prepayId: string;
  payParams: PayParams;
}

export interface GatewayTransaction {
  appid: string;
  mchid: string;
  outTradeNo: string;
  /** The provider's number; null until paid. */
  transactionId: string | null;
  tradeState: TradeState;
  amountFen: number;
  payerOpenid: string;
  successTime: Date | null;
}

export interface RefundRequest {
  outTradeNo: string;
  /** Derived from our refund row: the provider refunds one number once, so a retry is harmless. */
  outRefundNo: string;
  amountFen: number;
  /** The order's total, as the provider requires. */
  totalFen: number;
  reason: string;
}

export interface GatewayRefund {
  outRefundNo: string;
  refundId: string;
  outTradeNo: string;
  status: RefundStatus;
  amountFen: number;
  successTime: Date | null;
}

export interface TransferRequest {
  /** Derived from the business event (32 of [0-9A-Za-z]): the provider pays one number once. */
  outBillNo: string;
  openid: string;
  amountFen: number;
  /** At most 32 characters. */
  remark: string;
}

export interface GatewayTransfer {
  outBillNo: string;
  transferBillNo: string;
  state: TransferState;
  amountFen: number;
  openid: string;
  failReason: string | null;
}

export type GatewayNotification =
  | { kind: 'transaction'; eventId: string; transaction: GatewayTransaction }
  | { kind: 'refund'; eventId: string; refund: GatewayRefund }
  | { kind: 'transfer'; eventId: string; transfer: GatewayTransfer };

/** Error codes as the provider spells them (WECHATPAY.md §7). */
export type GatewayErrorCode =
  | 'PARAM_ERROR'
  | 'INVALID_REQUEST'
  | 'ORDER_NOT_EXIST'
  | 'ORDER_CLOSED'
  | 'ORDER_PAID'
  | 'OUT_TRADE_NO_USED'
  | 'RESOURCE_NOT_EXISTS'
  | 'NOT_ENOUGH'
  | 'FREQUENCY_LIMITED'
  | 'SYSTEM_ERROR';

const RETRYABLE: readonly GatewayErrorCode[] = ['FREQUENCY_LIMITED', 'SYSTEM_ERROR'];

/** A refusal or failure of the provider, shaped like its error answers. */
export class GatewayError extends Error {
  constructor(
    readonly code: GatewayErrorCode,
    readonly httpStatus: number,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'GatewayError';
  }

  /** Worth trying again with the same parameters (and the same out_* number). */
  get retryable(): boolean {
    return RETRYABLE.includes(this.code);
  }
}

/**
 * No answer within the configured time (PAYMENT_GATEWAY_TIMEOUT_MS). The provider may or may not have done what
 * was asked: a caller settles such a call later by asking the provider (query, or a retry with the same out_* number).
 */
export class GatewayTimeoutError extends GatewayError {
  constructor(
    readonly operation: string,
    readonly timeoutMs: number,
  ) {
    super('SYSTEM_ERROR', 504, `${operation}: no answer within ${timeoutMs} ms`);
    this.name = 'GatewayTimeoutError';
  }
}

/** A notification that failed verification (signature, timestamp window, serial or decryption). */
export class InvalidNotificationError extends Error {
  constructor(readonly reason: string) {
    super(`invalid notification: ${reason}`);
    this.name = 'InvalidNotificationError';
  }
}

/**
 * A programming error: a gateway call made while the caller holds a database transaction open. A real provider is a
 * network round trip away; TimedPaymentGateway refuses such a call (ARCHITECTURE: no network call inside a transaction).
 */
export class GatewayCalledInTransactionError extends Error {
  constructor(operation: string) {
    super(`payment gateway ${operation} called inside a database transaction: commit first, then call the provider`);
    this.name = 'GatewayCalledInTransactionError';
  }
}

export abstract class PaymentGateway {
  /** Creates (or, with identical parameters, returns again) a JSAPI order and the signed `wx.requestPayment` params. */
  abstract createJsapiOrder(request: JsapiOrderRequest): Promise<JsapiOrder>;
  /** null when the provider has no such order (ORDER_NOT_EXIST). */
  abstract queryOrder(outTradeNo: string): Promise<GatewayTransaction | null>;
  /** Closes an unpaid order (re-entrant; unknown numbers are fine). Throws ORDER_PAID for a paid one. */
  abstract closeOrder(outTradeNo: string): Promise<void>;
  /** Requests a refund; a repeat of one out_refund_no returns the same refund. */
  abstract refund(request: RefundRequest): Promise<GatewayRefund>;
  abstract queryRefund(outRefundNo: string): Promise<GatewayRefund | null>;
  /** Pays money into a shopper's balance; a repeat of one out_bill_no returns the same transfer. */
  abstract transfer(request: TransferRequest): Promise<GatewayTransfer>;
  abstract queryTransfer(outBillNo: string): Promise<GatewayTransfer | null>;
  /** Verifies and decrypts a notification from its exact bytes; throws InvalidNotificationError. */
  abstract parseNotification(
    headers: Record<string, string | string[] | undefined>,
    rawBody: Buffer,
  ): Promise<GatewayNotification>;
}
