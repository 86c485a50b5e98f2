import { SandboxSettings } from '../../src/payments/sandbox/sandbox-settings';
import { startTestApp, TestApp } from '../support/test-app';
import { NotifyReceiver } from './support/notify-receiver';
import { PublishedKeys, sdkDecrypts, sdkVerifies } from './support/sdk';
import { deliveriesOf, gatewayOf, paidOrder, resetSandbox, runJob } from './support/sandbox';

describe('sandbox notification delivery over real HTTP', () => {
  let receiver: NotifyReceiver;
  let app: TestApp;
  let keys: PublishedKeys;

  beforeAll(async () => {
    receiver = await new NotifyReceiver().start();
    app = await startTestApp({ env: { PAYMENT_NOTIFY_URL: receiver.url } });
    keys = (await app.http.get('/v1/sandbox/keys')).body;
  });
  afterAll(async () => {
    await app.close();
    await receiver.close();
  });
  afterEach(async () => {
    resetSandbox(app);
    receiver.reset();
    await app.db.query("UPDATE sandbox_deliveries SET status = 'failed' WHERE status = 'pending'");
  });

  const deliver = () => runJob(app, 'sandbox.deliver');
  const deliveryOf = async (outTradeNo: string) =>
    (await deliveriesOf(app, "resource->>'out_trade_no' = $1", [outTradeNo]))[0];
  const eventIdOf = (body: string): string => JSON.parse(body).id;

  it('POSTs a notification that the published SDK verifies and decrypts, with the §3 plaintext', async () => {
    const order = await paidOrder(app, { amountFen: 4321 });
    const unixSeconds = () => Math.floor(app.clock.now().getTime() / 1000);
    const sentNoEarlierThan = unixSeconds();
    expect(await deliver()).toEqual({ attempted: 1, delivered: 1, retrying: 0, failed: 0 });
    const sentNoLaterThan = unixSeconds();

    expect(receiver.received).toHaveLength(1);
    const [notification] = receiver.received;
    expect(notification.headers).toMatchObject({
      'content-type': 'application/json',
      'wechatpay-timestamp': expect.stringMatching(/^\d+$/),
      'wechatpay-nonce': expect.stringMatching(/^[0-9A-Za-z]{32}$/),
      'wechatpay-signature': expect.any(String),
      'wechatpay-serial': keys.platformSerial,
      'wechatpay-signature-type': 'WECHATPAY2-SHA256-RSA2048',
    });
    // The clock runs on while the job sends, so the header is checked against the window around it.
    const timestamp = Number(notification.headers['wechatpay-timestamp']);
    expect(timestamp).toBeGreaterThanOrEqual(sentNoEarlierThan);
    expect(timestamp).toBeLessThanOrEqual(sentNoLaterThan);
    expect(sdkVerifies(notification, keys)).toBe(true);
    expect(JSON.parse(notification.body)).toEqual({
      id: expect.any(String),
      create_time: expect.stringMatching(/\+08:00$/),
      resource_type: 'encrypt-resource',
      event_type: 'TRANSACTION.SUCCESS',
      summary: '支付成功',
      resource: {
        original_type: 'transaction',
        algorithm: 'AEAD_AES_256_GCM',
        ciphertext: expect.any(String),
        associated_data: 'transaction',
        nonce: expect.stringMatching(/^[0-9A-Za-z]{12}$/),
      },
    });
    const trade = (await gatewayOf(app).queryOrder(order.outTradeNo))!;
    expect(sdkDecrypts(notification, keys)).toEqual({
      appid: keys.appId,
      mchid: keys.mchId,
      out_trade_no: order.outTradeNo,
      transaction_id: trade.transactionId,
      trade_type: 'JSAPI',
      trade_state: 'SUCCESS',
      trade_state_desc: '支付成功',
      bank_type: 'OTHERS',
      attach: '',
      success_time: expect.stringMatching(/\+08:00$/),
      payer: { openid: order.payerOpenid },
      amount: { total: 4321, payer_total: 4321, currency: 'CNY', payer_currency: 'CNY' },
    });
    expect(await deliveryOf(order.outTradeNo)).toMatchObject({
      status: 'delivered',
      attempts: 1,
      last_http_status: 200,
      delivered_at: expect.any(Date),
    });
    expect(await deliver()).toEqual({ attempted: 0, delivered: 0, retrying: 0, failed: 0 });
    expect(receiver.received).toHaveLength(1);
  });

  it('500, 500, then 200: delivered on the 3rd attempt, after 1 s then 2 s, each attempt freshly signed', async () => {
    receiver.answer(500, 500);
    const order = await paidOrder(app);
    expect((await deliver()).retrying).toBe(1);
    expect(await deliveryOf(order.outTradeNo)).toMatchObject({ status: 'pending', attempts: 1, last_http_status: 500 });

    expect((await deliver()).attempted).toBe(0); // not before 1 s
    app.clock.advance(800); // (the manual clock also moves with real time, hence the margins)
    expect((await deliver()).attempted).toBe(0);
    app.clock.advance(200);
    expect(await deliver()).toMatchObject({ attempted: 1, retrying: 1 });

    app.clock.advance(1800); // then 2 s
    expect((await deliver()).attempted).toBe(0);
    app.clock.advance(200);
    expect(await deliver()).toMatchObject({ attempted: 1, delivered: 1 });
    expect(await deliveryOf(order.outTradeNo)).toMatchObject({
      status: 'delivered',
      attempts: 3,
      last_http_status: 200,
    });

    expect(receiver.received).toHaveLength(3);
    expect(new Set(receiver.received.map((n) => eventIdOf(n.body))).size).toBe(1);
    expect(new Set(receiver.received.map((n) => n.headers['wechatpay-nonce'])).size).toBe(3);
    expect(new Set(receiver.received.map((n) => n.headers['wechatpay-signature'])).size).toBe(3);
    for (const notification of receiver.received) expect(sdkVerifies(notification, keys)).toBe(true);
  });

  it('dropFirst: the first N attempts are lost on the way and count as failed', async () => {
    app.app.get(SandboxSettings).update({ dropFirst: 2 });
    const order = await paidOrder(app);
    expect((await deliver()).retrying).toBe(1);
    app.clock.advance(1000);
    expect((await deliver()).retrying).toBe(1);
    expect(receiver.received).toHaveLength(0);
    expect(await deliveryOf(order.outTradeNo)).toMatchObject({ attempts: 2, last_http_status: null });
    app.clock.advance(2000);
    expect((await deliver()).delivered).toBe(1);
    expect(receiver.received).toHaveLength(1);
    expect(await deliveryOf(order.outTradeNo)).toMatchObject({ status: 'delivered', attempts: 3 });
  });

  it('duplicates: an acknowledged notification is sent N more times, byte for byte', async () => {
    app.app.get(SandboxSettings).update({ duplicates: 2 });
    await paidOrder(app);
    expect((await deliver()).delivered).toBe(1);
    expect(receiver.received).toHaveLength(3);
    const [first, ...copies] = receiver.received;
    for (const copy of copies) {
      expect(copy.body).toBe(first.body);
      expect(copy.headers['wechatpay-signature']).toBe(first.headers['wechatpay-signature']);
    }
    expect((await deliver()).attempted).toBe(0);
  });

  it('delayMs: the first attempt waits that long after the event', async () => {
    app.app.get(SandboxSettings).update({ delayMs: 30_000 });
    await paidOrder(app);
    expect((await deliver()).attempted).toBe(0);
    app.clock.advance(30_000);
    expect((await deliver()).delivered).toBe(1);
  });

  it('after 15 failed attempts the delivery is failed and never sent again', async () => {
    receiver.answer(...Array<number>(15).fill(503));
    const order = await paidOrder(app);
    for (let attempt = 1; attempt <= 15; attempt++) {
      expect((await deliver()).attempted).toBe(1);
      app.clock.advance(60_000);
    }
    expect(await deliveryOf(order.outTradeNo)).toMatchObject({ status: 'failed', attempts: 15, last_http_status: 503 });
    expect((await deliver()).attempted).toBe(0);
    expect(receiver.received).toHaveLength(15);
  });

  it('an answer slower than 5 s counts as a failed attempt', async () => {
    receiver.neverAnswer();
    const order = await paidOrder(app);
    const started = Date.now();
    expect((await deliver()).retrying).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(4900);
    expect(await deliveryOf(order.outTradeNo)).toMatchObject({
      status: 'pending',
      last_http_status: null,
      last_error: 'no answer within 5000 ms',
    });
  }, 20_000);

  it('a notify URL that refuses connections counts as a failed attempt', async () => {
    const closed = await new NotifyReceiver().start();
    await closed.close();
    const elsewhere = await startTestApp({ database: app.db, env: { PAYMENT_NOTIFY_URL: closed.url } });
    try {
      const order = await paidOrder(elsewhere);
      expect((await runJob(elsewhere, 'sandbox.deliver')).retrying).toBe(1);
      expect(await deliveryOf(order.outTradeNo)).toMatchObject({
        status: 'pending',
        last_http_status: null,
        last_error: expect.stringContaining('ECONNREFUSED'),
      });
    } finally {
      await elsewhere.close();
    }
  });

  it('two instances on one database send each notification once', async () => {
    const second = await startTestApp({ database: app.db, env: { PAYMENT_NOTIFY_URL: receiver.url } });
    try {
      for (let i = 0; i < 8; i++) await paidOrder(app);
      const runs = await Promise.all([deliver(), runJob(second, 'sandbox.deliver'), deliver()]);
      expect(runs.reduce((sum, run) => sum + run.delivered, 0)).toBe(8);
      expect(receiver.received).toHaveLength(8);
      expect(new Set(receiver.received.map((n) => eventIdOf(n.body))).size).toBe(8);
    } finally {
      await second.close();
    }
  });
});
