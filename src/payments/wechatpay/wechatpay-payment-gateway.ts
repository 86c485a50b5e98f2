import type { WechatPayConfig } from '../../config/wechatpay-config';
import { Clock } from '../../platform/clock/clock';
import {
  GatewayError,
  GatewayNotification,
  GatewayRefund,
  GatewayTransaction,
  GatewayTransfer,
  JsapiOrder,
  JsapiOrderRequest,
  PaymentGateway,
  RefundRequest,
  TransferRequest,
} from '../payment-gateway';
import { parseNotification } from './notification-mapping';
import { buildPayParams } from './pay-params';
import {
  closeBody,
  jsapiOrderBody,
  readPrepayId,
  readRefund,
  readTransaction,
  readTransfer,
  readTransferCreated,
  refundBody,
  transferBody,
  V3_PATHS,
} from './v3-bodies';
import { WechatPayClient } from './wechatpay-client';

/**
 * The port, served by WeChat Pay API v3 over HTTPS at WECHATPAY_BASE_URL (PAYMENT_GATEWAY=wechatpay). Like every
 * adapter it refuses a call made inside a database transaction. Unknown numbers on a query are null, as the port says.
 */
export class WechatPayPaymentGateway extends PaymentGateway {
  private readonly client: WechatPayClient;

  constructor(
    private readonly config: WechatPayConfig,
    private readonly clock: Clock,
    /** Where WeChat Pay is to send notifications (PAYMENT_NOTIFY_URL, else this service's notify route). */
    private readonly notifyUrl: () => string,
    timeoutMs: number,
  ) {
    super();
    this.client = new WechatPayClient(config, () => clock.now(), timeoutMs);
  }

  async createJsapiOrder(request: JsapiOrderRequest): Promise<JsapiOrder> {
    const { json } = await this.client.call({
      operation: 'createJsapiOrder',
      method: 'POST',
      path: V3_PATHS.jsapi,
      body: jsapiOrderBody(request, this.config, this.notifyUrl()),
    });
    const prepayId = readPrepayId(json);
    return {
      prepayId,
      payParams: buildPayParams({
        appId: this.config.appId,
        prepayId,
        merchantPrivateKeyPem: this.config.merchantPrivateKeyPem,
        now: this.clock.now(),
      }),
    };
  }

  async queryOrder(outTradeNo: string): Promise<GatewayTransaction | null> {
    const path = `${V3_PATHS.transaction(outTradeNo)}?mchid=${encodeURIComponent(this.config.mchId)}`;
    const answer = await this.unlessUnknown(this.client.call({ operation: 'queryOrder', method: 'GET', path }));
    return answer && readTransaction(answer.json);
  }

  async closeOrder(outTradeNo: string): Promise<void> {
    await this.client.call({
      operation: 'closeOrder',
      method: 'POST',
      path: V3_PATHS.close(outTradeNo),
      body: closeBody(this.config),
    });
  }

  async refund(request: RefundRequest): Promise<GatewayRefund> {
    const { json } = await this.client.call({
      operation: 'refund',
      method: 'POST',
      path: V3_PATHS.refunds,
      body: refundBody(request, this.notifyUrl()),
    });
    return readRefund(json);
  }

  async queryRefund(outRefundNo: string): Promise<GatewayRefund | null> {
    const path = V3_PATHS.refund(outRefundNo);
    const answer = await this.unlessUnknown(this.client.call({ operation: 'queryRefund', method: 'GET', path }));
    return answer && readRefund(answer.json);
  }

  async transfer(request: TransferRequest): Promise<GatewayTransfer> {
    const { json } = await this.client.call({
      operation: 'transfer',
      method: 'POST',
      path: V3_PATHS.transfers,
      body: transferBody(request, this.config, this.notifyUrl()),
    });
    return readTransferCreated(json, request);
  }

  async queryTransfer(outBillNo: string): Promise<GatewayTransfer | null> {
    const path = V3_PATHS.transfer(outBillNo);
    const answer = await this.unlessUnknown(this.client.call({ operation: 'queryTransfer', method: 'GET', path }));
    return answer && readTransfer(answer.json);
  }

  parseNotification(
    headers: Record<string, string | string[] | undefined>,
    rawBody: Buffer,
  ): Promise<GatewayNotification> {
    return Promise.resolve().then(() => parseNotification(headers, rawBody, this.config, this.clock.now()));
  }

  /** A query's 404 (ORDER_NOT_EXIST, RESOURCE_NOT_EXISTS, NOT_FOUND) means "no such number": null. */
  private async unlessUnknown<T>(answer: Promise<T>): Promise<T | null> {
    try {
      return await answer;
    } catch (error) {
      if (error instanceof GatewayError && error.httpStatus === 404) return null;
      throw error;
    }
  }
}
