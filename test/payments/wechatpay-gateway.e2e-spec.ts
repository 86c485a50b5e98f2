import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Wechatpay } from 'wechatpay-axios-plugin';
import type { WechatPayConfig } from '../../src/config/wechatpay-config';
import { GatewayError, GatewayTimeoutError, PaymentGateway } from '../../src/payments/payment-gateway';
import type { SandboxKeys } from '../../src/payments/sandbox/entities/sandbox-keys.entity';
import { SandboxFaults } from '../../src/payments/sandbox/sandbox-faults';
import { SandboxKeyStore } from '../../src/payments/sandbox/sandbox-key-store';
import { SandboxV3Api } from '../../src/payments/sandbox/v3/sandbox-v3-api';
import { buildAuthorization } from '../../src/payments/wechatpay/authorization';
import { generateRsaKeyPair } from '../../src/payments/wechatpay/keys';
import { signedAnswerHeaders } from '../../src/payments/wechatpay/notification';
import { UnverifiedAnswerError } from '../../src/payments/wechatpay/wechatpay-client';
import { WechatPayPaymentGateway } from '../../src/payments/wechatpay/wechatpay-payment-gateway';
import { OpenApi } from '../support/openapi';
import type { TestApp } from '../support/test-app';
import { startAppWith } from './support/gateway-under-test';
import { gatewayFailure, gatewayOf, jsapiRequest, paidOrder, resetSandbox, uniqueNo } from './support/sandbox';

/** How the man in the middle changes an answer on its way back; null passes it unchanged. */
type Tamper = (answer: { status: number; headers: Record<string, string>; body: string }) => {
  headers: Record<string, string>;
  body: string;
} | null;

/** A proxy between the adapter and the sandbox that can alter the sandbox's answers. */
class TamperingProxy {
  tamper: Tamper = () => null;
  url = '';
  private server: Server | null = null;

  constructor(private readonly target: string) {}

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => void this.forward(request.method!, request.url!, request.headers, chunks, response));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  private async forward(
    method: string,
    path: string,
    headers: IncomingHttpHeaders,
    chunks: Buffer[],
    response: import('node:http').ServerResponse,
  ): Promise<void> {
    const answer = await fetch(this.target + path, {
      method,
      headers: headers as Record<string, string>,
      ...(method === 'GET' ? {} : { body: Buffer.concat(chunks) }),
    });
    const original = { status: answer.status, headers: Object.fromEntries(answer.headers), body: await answer.text() };
    delete original.headers['content-length'];
    delete original.headers['transfer-encoding'];
    const sent = this.tamper(original) ?? original;
    response.writeHead(original.status, sent.headers);
    response.end(sent.body);
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

describe('wechatpay adapter: WeChat Pay API v3 over HTTP, against the sandbox /v3 surface', () => {
  let app: TestApp;
  let gateway: PaymentGateway;
  let keys: SandboxKeys;

  beforeAll(async () => {
    app = await startAppWith('wechatpay');
    gateway = gatewayOf(app);
    keys = await app.app.get(SandboxKeyStore).keys();
  });
  afterAll(() => app?.close());
  afterEach(() => resetSandbox(app));

  /** The configuration the app started with, changed where a test needs another adapter. */
  const adapterWith = (changes: Partial<WechatPayConfig>, timeoutMs = 5_000) =>
    new WechatPayPaymentGateway(
      { ...app.runtime.config.wechatpay!, ...changes },
      app.clock,
      () => `${app.url}/v1/payments/wechat/notify`,
      timeoutMs,
    );

  it('is what the modules call: every operation is a signed HTTP call to /v3, answered from the sandbox state', async () => {
    const v3 = app.app.get(SandboxV3Api);
    const calls = ['createJsapiOrder', 'queryOrder', 'closeOrder'].map((name) =>
      jest.spyOn(v3, name as 'createJsapiOrder'),
    );
    try {
      const request = jsapiRequest(app);
      const order = await gateway.createJsapiOrder(request);
      expect(order.payParams).toMatchObject({ appId: keys.appId, package: `prepay_id=${order.prepayId}` });
      const [row] = await app.db.query<{ prepay_id: string }>(
        'SELECT prepay_id FROM sandbox_transactions WHERE out_trade_no = $1',
        [request.outTradeNo],
      );
      expect(row.prepay_id).toBe(order.prepayId);
      await gateway.closeOrder(request.outTradeNo);
      expect(await gateway.queryOrder(request.outTradeNo)).toMatchObject({ tradeState: 'CLOSED' });
      expect(calls.map((call) => call.mock.calls.length)).toEqual([1, 1, 1]);
    } finally {
      calls.forEach((call) => call.mockRestore());
    }
  });

  it("leaves /v3 out of Engage's OpenAPI document: it is WeChat Pay's contract", async () => {
    const { document } = await OpenApi.of(app);
    expect(Object.keys(document.paths).filter((path) => path.startsWith('/v3'))).toEqual([]);
    expect(Object.keys(document.paths)).toContain('/v1/sandbox/keys'); // the sandbox's own routes are there
  });

  it('maps the sandbox error answers to GatewayErrors: ORDER_PAID on closing a paid order, injected codes', async () => {
    const paid = await paidOrder(app);
    expect(await gatewayFailure(gateway.closeOrder(paid.outTradeNo))).toEqual({
      code: 'ORDER_PAID',
      httpStatus: 400,
      message: 'ORDER_PAID: 订单已支付',
    });
    const faults = app.app.get(SandboxFaults);
    faults.inject('transfer', 'NOT_ENOUGH', 1);
    const transfer = { outBillNo: uniqueNo('B'), openid: 'o-shopper', amountFen: 100, remark: 'rebate' };
    expect(await gatewayFailure(gateway.transfer(transfer))).toMatchObject({ code: 'NOT_ENOUGH', httpStatus: 403 });
    faults.inject('queryOrder', 'FREQUENCY_LIMITED', 1);
    const limited = await gateway.queryOrder(paid.outTradeNo).catch((error: GatewayError) => error);
    expect(limited).toMatchObject({ code: 'FREQUENCY_LIMITED', httpStatus: 429, retryable: true });
    faults.inject('refund', 'SYSTEM_ERROR', 1);
    const refund = {
      outTradeNo: paid.outTradeNo,
      outRefundNo: uniqueNo('R'),
      amountFen: 100,
      totalFen: 2500,
      reason: '',
    };
    expect(await gatewayFailure(gateway.refund(refund))).toMatchObject({ code: 'SYSTEM_ERROR', httpStatus: 500 });
    // The same out_refund_no again, once the provider is well: one refund.
    expect(await gateway.refund(refund)).toMatchObject({ outRefundNo: refund.outRefundNo, status: 'PROCESSING' });
  });

  it('a provider that does not answer is a GatewayTimeoutError of the adapter itself', async () => {
    app.app.get(SandboxFaults).inject('queryOrder', 'SYSTEM_ERROR', 1, 60_000);
    const failure = await adapterWith({}, 300)
      .queryOrder(uniqueNo('T'))
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(GatewayTimeoutError);
    expect(failure).toMatchObject({ operation: 'queryOrder', timeoutMs: 300, retryable: true });
  });

  describe('requests the sandbox refuses with 401 SIGN_ERROR, as WeChat Pay does', () => {
    const path = () => `/v3/pay/transactions/out-trade-no/${uniqueNo('T')}?mchid=${keys.mchId}`;
    const signed = (overrides: { key?: string; serial?: string; now?: Date; path?: string; method?: string }) =>
      buildAuthorization({
        method: overrides.method ?? 'GET',
        pathWithQuery: overrides.path ?? path(),
        body: '',
        mchId: keys.mchId,
        merchantSerial: overrides.serial ?? keys.merchantSerial,
        merchantPrivateKeyPem: overrides.key ?? keys.merchantPrivateKeyPem,
        now: overrides.now ?? app.clock.now(),
      });

    it('accepts the merchant-signed request (control: 404 ORDER_NOT_EXIST, a WeChat answer)', async () => {
      const target = path();
      const answer = await app.http.get(target, { headers: { authorization: signed({ path: target }) } });
      expect(answer.status).toBe(404);
      expect(answer.body).toEqual({ code: 'ORDER_NOT_EXIST', message: '查询单据不存在' });
    });

    it.each([
      ['no Authorization', () => ({})],
      ['another key', () => ({ authorization: signed({ key: generateRsaKeyPair().privateKeyPem }) })],
      ['another serial', () => ({ authorization: signed({ serial: 'ABCDEF0123456789' }) })],
      [
        'a timestamp 6 minutes old',
        () => ({ authorization: signed({ now: new Date(app.clock.now().getTime() - 360_000) }) }),
      ],
      ['the signature of another path', () => ({ authorization: signed({ path: '/v3/refund/domestic/refunds/X' }) })],
    ])('%s', async (_case, headers) => {
      const answer = await app.http.get(path(), { headers: headers() as Record<string, string> });
      expect(answer.status).toBe(401);
      expect(answer.body).toMatchObject({ code: 'SIGN_ERROR' });
    });

    it('a body altered after signing, and nothing is created', async () => {
      const request = jsapiRequest(app);
      const body = JSON.stringify({
        appid: keys.appId,
        mchid: keys.mchId,
        description: 'tea',
        out_trade_no: request.outTradeNo,
        notify_url: 'https://example.com/notify',
        amount: { total: 1 },
        payer: { openid: 'o-x' },
      });
      const authorization = signed({ method: 'POST', path: '/v3/pay/transactions/jsapi' });
      const answer = await app.http.post('/v3/pay/transactions/jsapi', {
        rawBody: body.replace('"total":1', '"total":2'),
        headers: { authorization },
      });
      expect(answer.status).toBe(401);
      expect(
        await app.db.query('SELECT 1 FROM sandbox_transactions WHERE out_trade_no = $1', [request.outTradeNo]),
      ).toEqual([]);
    });

    it('through the adapter, a wrong merchant key is a retryable SYSTEM_ERROR naming SIGN_ERROR', async () => {
      const failure = await gatewayFailure(
        adapterWith({ merchantPrivateKeyPem: generateRsaKeyPair().privateKeyPem }).queryOrder(uniqueNo('T')),
      );
      expect(failure).toEqual({
        code: 'SYSTEM_ERROR',
        httpStatus: 401,
        message: expect.stringContaining('SIGN_ERROR'),
      });
    });
  });

  describe('answers the adapter refuses: verified with the WeChat Pay public key before they are read', () => {
    let proxy: TamperingProxy;
    let adapter: WechatPayPaymentGateway;

    beforeAll(async () => {
      proxy = await new TamperingProxy(app.url).start();
      adapter = adapterWith({ baseUrl: proxy.url });
    });
    afterAll(() => proxy.close());
    afterEach(() => (proxy.tamper = () => null));

    /** A paid order whose query answer a man in the middle would like to read NOTPAY. */
    async function unverified(tamper: Tamper): Promise<UnverifiedAnswerError> {
      const paid = await paidOrder(app);
      proxy.tamper = () => null;
      expect(await adapter.queryOrder(paid.outTradeNo)).toMatchObject({ tradeState: 'SUCCESS' }); // control
      proxy.tamper = tamper;
      const failure = await adapter.queryOrder(paid.outTradeNo).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(UnverifiedAnswerError);
      expect(failure).toMatchObject({ code: 'SYSTEM_ERROR', retryable: true });
      return failure as UnverifiedAnswerError;
    }

    /** Replaces the signature headers (as fetch shows them: lower case) with the given ones. */
    const resigned = (headers: Record<string, string>, signature: Record<string, string>) => ({
      ...headers,
      ...Object.fromEntries(Object.entries(signature).map(([name, value]) => [name.toLowerCase(), value])),
    });

    const rewritten = (body: string) => body.replace('"trade_state":"SUCCESS"', '"trade_state":"NOTPAY"');

    it('a body altered on the way', async () => {
      const failure = await unverified(({ headers, body }) => ({ headers, body: rewritten(body) }));
      expect(failure.reason).toBe('bad_signature');
    });

    it('an altered body re-signed with another key', async () => {
      const forger = generateRsaKeyPair();
      const failure = await unverified(({ headers, body }) => ({
        body: rewritten(body),
        headers: resigned(
          headers,
          signedAnswerHeaders(rewritten(body), {
            platformPrivateKeyPem: forger.privateKeyPem,
            platformSerial: keys.platformSerial,
            now: app.clock.now(),
          }),
        ),
      }));
      expect(failure.reason).toBe('bad_signature');
    });

    it('an answer without signature headers, one naming another key, and a replayed stale one', async () => {
      const strip = (headers: Record<string, string>) =>
        Object.fromEntries(Object.entries(headers).filter(([name]) => !name.startsWith('wechatpay-')));
      expect((await unverified(({ headers, body }) => ({ headers: strip(headers), body }))).reason).toBe(
        'missing_headers',
      );
      expect(
        (
          await unverified(({ headers, body }) => ({
            headers: { ...headers, 'wechatpay-serial': 'PUB_KEY_ID_OTHER' },
            body,
          }))
        ).reason,
      ).toBe('unknown_serial');
      const stale = (body: string) =>
        signedAnswerHeaders(body, { ...keys, now: new Date(app.clock.now().getTime() - 6 * 60_000) });
      expect(
        (await unverified(({ headers, body }) => ({ headers: resigned(headers, stale(body)), body }))).reason,
      ).toBe('stale_timestamp');
    });

    it('a tampered create answer is retried with the same out_trade_no and gets the one prepay_id', async () => {
      const request = jsapiRequest(app);
      proxy.tamper = ({ headers, body }) => ({ headers, body: body.replace(/"prepay_id":"wx/, '"prepay_id":"wy') });
      expect(await adapter.createJsapiOrder(request).catch((error: unknown) => error)).toBeInstanceOf(
        UnverifiedAnswerError,
      );
      proxy.tamper = () => null;
      const again = await adapter.createJsapiOrder(request);
      const [row] = await app.db.query<{ prepay_id: string }>(
        'SELECT prepay_id FROM sandbox_transactions WHERE out_trade_no = $1',
        [request.outTradeNo],
      );
      expect(again.prepayId).toBe(row.prepay_id);
    });
  });

  it('a merchant SDK (wechatpay-axios-plugin) is served too: its signed request accepted, our signed answer verified', async () => {
    const sdk = new Wechatpay({
      mchid: keys.mchId,
      serial: keys.merchantSerial,
      privateKey: keys.merchantPrivateKeyPem,
      certs: { [keys.platformSerial]: keys.platformPublicKeyPem },
      baseURL: `${app.url}/`,
    } as ConstructorParameters<typeof Wechatpay>[0]);
    const outTradeNo = uniqueNo('SDK_');
    const created = await sdk.v3.pay.transactions.jsapi.post({
      appid: keys.appId,
      mchid: keys.mchId,
      description: 'Oolong tea, 250 g',
      out_trade_no: outTradeNo,
      notify_url: 'https://example.com/notify',
      amount: { total: 2500, currency: 'CNY' },
      payer: { openid: 'o-sdk-shopper' },
      time_expire: new Date(app.clock.now().getTime() + 15 * 60_000).toISOString().replace(/\.\d{3}Z$/, '+00:00'),
    });
    expect((created.data as unknown as { prepay_id: string }).prepay_id).toMatch(/^wx/);
    const queried = await sdk.v3.pay.transactions.outTradeNo._out_trade_no_.get({
      params: { mchid: keys.mchId },
      out_trade_no: outTradeNo,
    });
    expect(queried.data).toMatchObject({ out_trade_no: outTradeNo, trade_state: 'NOTPAY', amount: { total: 2500 } });
    // Our adapter reads what the SDK made: one provider, two clients.
    expect(await gateway.queryOrder(outTradeNo)).toMatchObject({ payerOpenid: 'o-sdk-shopper', tradeState: 'NOTPAY' });
  });
});
