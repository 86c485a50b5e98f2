import {
  GatewayCalledInTransactionError,
  GatewayNotification,
  GatewayRefund,
  GatewayTimeoutError,
  GatewayTransaction,
  GatewayTransfer,
  JsapiOrder,
  JsapiOrderRequest,
  PaymentGateway,
  RefundRequest,
  TransferRequest,
} from './payment-gateway';

/**
 * The bound adapter, as every caller reaches it. A call made inside a database transaction is refused before it
 * reaches the adapter (ARCHITECTURE: no network call inside a transaction), whichever adapter is bound. A call
 * with no answer within `timeoutMs` fails with GatewayTimeoutError (its outcome unknown), so a request never
 * waits on a hung provider for longer; the abandoned call runs on, and whatever it ends with is dropped.
 */
export class TimedPaymentGateway extends PaymentGateway {
  constructor(
    private readonly adapter: PaymentGateway,
    private readonly timeoutMs: number,
    /** Whether the calling code holds a database transaction open (Db.inTransaction). */
    private readonly inTransaction: () => boolean,
  ) {
    super();
  }

  createJsapiOrder(request: JsapiOrderRequest): Promise<JsapiOrder> {
    return this.timed('createJsapiOrder', () => this.adapter.createJsapiOrder(request));
  }

  queryOrder(outTradeNo: string): Promise<GatewayTransaction | null> {
    return this.timed('queryOrder', () => this.adapter.queryOrder(outTradeNo));
  }

  closeOrder(outTradeNo: string): Promise<void> {
    return this.timed('closeOrder', () => this.adapter.closeOrder(outTradeNo));
  }

  refund(request: RefundRequest): Promise<GatewayRefund> {
    return this.timed('refund', () => this.adapter.refund(request));
  }

  queryRefund(outRefundNo: string): Promise<GatewayRefund | null> {
    return this.timed('queryRefund', () => this.adapter.queryRefund(outRefundNo));
  }

  transfer(request: TransferRequest): Promise<GatewayTransfer> {
    return this.timed('transfer', () => this.adapter.transfer(request));
  }

  queryTransfer(outBillNo: string): Promise<GatewayTransfer | null> {
    return this.timed('queryTransfer', () => this.adapter.queryTransfer(outBillNo));
  }

  /** Local verification and decryption: no round trip to time. */
  parseNotification(
    headers: Record<string, string | string[] | undefined>,
    rawBody: Buffer,
  ): Promise<GatewayNotification> {
    return this.adapter.parseNotification(headers, rawBody);
  }

  private timed<T>(operation: string, call: () => Promise<T>): Promise<T> {
    if (this.inTransaction()) return Promise.reject(new GatewayCalledInTransactionError(operation));
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new GatewayTimeoutError(operation, this.timeoutMs)), this.timeoutMs);
      // Settling after the timeout is a no-op, and the late rejection is handled here, never unhandled.
      void Promise.resolve()
        .then(call)
        .then(resolve, reject)
        .finally(() => clearTimeout(timer));
    });
  }
}
