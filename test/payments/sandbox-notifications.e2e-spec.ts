import { InvalidNotificationError, PaymentGateway } from '../../src/payments/payment-gateway';
import { SandboxKeyStore } from '../../src/payments/sandbox/sandbox-key-store';
import { generateApiV3Key, generateRsaKeyPair } from '../../src/payments/wechatpay/keys';
import { buildNotification } from '../../src/payments/wechatpay/notification';
import type { TestApp } from '../support/test-app';
import { GATEWAYS, startAppWith } from './support/gateway-under-test';
import { NotifyReceiver, ReceivedNotification } from './support/notify-receiver';
import { gatewayOf, paidOrder, runJob, uniqueNo } from './support/sandbox';

describe.each(GATEWAYS)('PaymentGateway.parseNotification (%s gateway)', (gatewayUnderTest) => {
  let receiver: NotifyReceiver;
  let app: TestApp;
  let gateway: PaymentGateway;

  beforeAll(async () => {
    receiver = await new NotifyReceiver().start();
    app = await startAppWith(gatewayUnderTest, { env: { PAYMENT_NOTIFY_URL: receiver.url } });
    gateway = gatewayOf(app);
  });
  afterAll(async () => {
    await app.close();
    await receiver.close();
  });
  beforeEach(() => receiver.reset());

  const parse = (notification: { headers: Record<string, any>; body: string }) =>
    gateway.parseNotification(notification.headers, Buffer.from(notification.body, 'utf8'));

  async function refusal(notification: { headers: Record<string, any>; body: string }): Promise<string> {
    try {
      await parse(notification);
    } catch (error) {
      if (error instanceof InvalidNotificationError) return error.reason;
      throw error;
    }
    throw new Error('the notification was accepted');
  }

  /** A real payment notification, as it reached the notify URL. */
  async function deliveredPayment(): Promise<{ notification: ReceivedNotification; outTradeNo: string }> {
    const order = await paidOrder(app, { amountFen: 1999 });
    await runJob(app, 'sandbox.deliver');
    const notification = receiver.received.at(-1)!;
    return { notification, outTradeNo: order.outTradeNo };
  }

  /** Signed with the sandbox's own platform key: genuine as far as the signature goes. */
  async function signedBySandbox(resource: object, overrides: { apiV3Key?: string } = {}) {
    const keys = await app.app.get(SandboxKeyStore).keys();
    return buildNotification({
      eventType: 'TRANSACTION.SUCCESS',
      originalType: 'transaction',
      summary: '支付成功',
      resource,
      apiV3Key: overrides.apiV3Key ?? keys.apiV3Key,
      platformPrivateKeyPem: keys.platformPrivateKeyPem,
      platformSerial: keys.platformSerial,
      now: app.clock.now(),
    });
  }

  it('accepts a genuine payment notification, as delivered', async () => {
    const { notification, outTradeNo } = await deliveredPayment();
    const trade = (await gateway.queryOrder(outTradeNo))!;
    expect(await parse(notification)).toEqual({
      kind: 'transaction',
      eventId: JSON.parse(notification.body).id,
      transaction: {
        appid: trade.appid,
        mchid: trade.mchid,
        outTradeNo,
        transactionId: trade.transactionId,
        tradeState: 'SUCCESS',
        amountFen: 1999,
        payerOpenid: trade.payerOpenid,
        // success_time travels in whole seconds (RFC 3339 without fraction).
        successTime: new Date(Math.floor(trade.successTime!.getTime() / 1000) * 1000),
      },
    });
  });

  it('accepts genuine refund and transfer notifications, as delivered', async () => {
    const order = await paidOrder(app);
    const refund = await gateway.refund({
      outTradeNo: order.outTradeNo,
      outRefundNo: uniqueNo('R'),
      amountFen: 300,
      totalFen: 2500,
      reason: 'x',
    });
    const transfer = await gateway.transfer({
      outBillNo: uniqueNo('B'),
      openid: 'o-x',
      amountFen: 700,
      remark: 'Rebate',
    });
    await runJob(app, 'sandbox.settle');
    await runJob(app, 'sandbox.deliver');
    const parsed = await Promise.all(receiver.received.map(parse));
    expect(parsed).toEqual(
      expect.arrayContaining([
        {
          kind: 'refund',
          eventId: expect.any(String),
          refund: { ...refund, status: 'SUCCESS', successTime: expect.any(Date) },
        },
        { kind: 'transfer', eventId: expect.any(String), transfer: { ...transfer, state: 'SUCCESS' } },
      ]),
    );
  });

  it('refuses a tampered body (signature no longer covers it)', async () => {
    const { notification } = await deliveredPayment();
    const body = JSON.parse(notification.body);
    const bytes = Buffer.from(body.resource.ciphertext, 'base64');
    bytes[5] ^= 0x01;
    body.resource.ciphertext = bytes.toString('base64');
    expect(await refusal({ headers: notification.headers, body: JSON.stringify(body) })).toBe('bad_signature');
    expect(
      await refusal({ headers: notification.headers, body: notification.body.replace('支付成功', '支付成功 ') }),
    ).toBe('bad_signature');
  });

  it('refuses a forged signature (another key) and an unknown serial', async () => {
    const keys = await app.app.get(SandboxKeyStore).keys();
    const forged = buildNotification({
      eventType: 'TRANSACTION.SUCCESS',
      originalType: 'transaction',
      summary: '支付成功',
      resource: {},
      apiV3Key: keys.apiV3Key,
      platformPrivateKeyPem: generateRsaKeyPair().privateKeyPem,
      platformSerial: keys.platformSerial,
      now: app.clock.now(),
    });
    expect(await refusal(forged)).toBe('bad_signature');
    const { notification } = await deliveredPayment();
    expect(
      await refusal({ ...notification, headers: { ...notification.headers, 'wechatpay-serial': 'PUB_KEY_ID_0100' } }),
    ).toBe('unknown_serial');
  });

  it('refuses a stale notification (5 minutes or more by the clock), accepts it within the window', async () => {
    const { notification } = await deliveredPayment();
    app.clock.advance(4 * 60_000);
    await parse(notification);
    app.clock.advance(60_000);
    expect(await refusal(notification)).toBe('stale_timestamp');
  });

  it('refuses an unsigned body and a signature probe', async () => {
    const { notification } = await deliveredPayment();
    expect(await refusal({ headers: { 'content-type': 'application/json' }, body: notification.body })).toBe(
      'missing_headers',
    );
    const keys = await app.app.get(SandboxKeyStore).keys();
    const probe = buildNotification({
      eventType: 'TRANSACTION.SUCCESS',
      originalType: 'transaction',
      summary: '支付成功',
      resource: {},
      apiV3Key: keys.apiV3Key,
      platformPrivateKeyPem: keys.platformPrivateKeyPem,
      platformSerial: keys.platformSerial,
      now: app.clock.now(),
      signatureProbe: true,
    });
    expect(await refusal(probe)).toBe('signature_probe');
  });

  it('refuses a resource encrypted with another APIv3 key', async () => {
    expect(await refusal(await signedBySandbox({}, { apiV3Key: generateApiV3Key() }))).toBe('decryption_failed');
  });

  it("refuses another merchant's notification and one missing its fields", async () => {
    const keys = await app.app.get(SandboxKeyStore).keys();
    const resource = {
      appid: keys.appId,
      mchid: keys.mchId,
      out_trade_no: uniqueNo('ORD_'),
      transaction_id: '4200001234202611210123456789',
      trade_type: 'JSAPI',
      trade_state: 'SUCCESS',
      success_time: '2026-11-21T20:00:00+08:00',
      payer: { openid: 'o-x' },
      amount: { total: 100, payer_total: 100, currency: 'CNY', payer_currency: 'CNY' },
    };
    expect((await parse(await signedBySandbox(resource))).kind).toBe('transaction');
    expect(await refusal(await signedBySandbox({ ...resource, mchid: '1999999999' }))).toBe('mchid_mismatch');
    expect(await refusal(await signedBySandbox({ ...resource, appid: 'wx0000000000000000' }))).toBe('appid_mismatch');
    expect(await refusal(await signedBySandbox({ ...resource, amount: undefined }))).toBe('malformed_resource');
    expect(await refusal(await signedBySandbox({ ...resource, success_time: 'yesterday' }))).toBe('malformed_resource');
  });
});
