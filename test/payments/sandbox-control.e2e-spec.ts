import { PaymentGateway } from '../../src/payments/payment-gateway';
import { expectError } from '../support/fixtures';
import { startTestApp, TEST_ADMIN_TOKEN, TestApp } from '../support/test-app';
import { gatewayFailure, gatewayOf, jsapiRequest, resetSandbox, uniqueNo } from './support/sandbox';

describe('sandbox control routes: injected faults and settings (admin only)', () => {
  let app: TestApp;
  let gateway: PaymentGateway;

  beforeAll(async () => {
    app = await startTestApp();
    gateway = gatewayOf(app);
  });
  afterAll(() => app.close());
  afterEach(() => resetSandbox(app));

  const inject = (body: unknown, token: string | undefined = TEST_ADMIN_TOKEN) =>
    app.http.post('/v1/sandbox/faults', { token, body });

  it.each([
    ['createJsapiOrder', 'SYSTEM_ERROR', 500],
    ['queryOrder', 'FREQUENCY_LIMITED', 429],
    ['closeOrder', 'ORDER_NOT_EXIST', 404],
    ['refund', 'NOT_ENOUGH', 403],
    ['transfer', 'NOT_ENOUGH', 403],
    ['queryRefund', 'SYSTEM_ERROR', 500],
    ['queryTransfer', 'ORDER_CLOSED', 400],
  ])('%s fails with %s (%i) exactly `times` times, then works', async (operation, code, httpStatus) => {
    const created = await inject({ operation, code, times: 2 });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ operation, code, httpStatus, remaining: 2 });

    const call = (): Promise<unknown> => {
      switch (operation) {
        case 'createJsapiOrder':
          return gateway.createJsapiOrder(jsapiRequest(app));
        case 'queryOrder':
          return gateway.queryOrder(uniqueNo());
        case 'closeOrder':
          return gateway.closeOrder(uniqueNo());
        case 'refund':
          return gateway.refund({
            outTradeNo: uniqueNo(),
            outRefundNo: uniqueNo(),
            amountFen: 1,
            totalFen: 1,
            reason: '',
          });
        case 'transfer':
          return gateway.transfer({ outBillNo: uniqueNo('B'), openid: 'o-x', amountFen: 100, remark: 'x' });
        case 'queryRefund':
          return gateway.queryRefund(uniqueNo());
        default:
          return gateway.queryTransfer(uniqueNo());
      }
    };
    for (let i = 0; i < 2; i++) expect(await gatewayFailure(call())).toMatchObject({ code, httpStatus });
    if (operation === 'refund') {
      expect((await gatewayFailure(call())).code).toBe('RESOURCE_NOT_EXISTS'); // the real answer for an unknown order
    } else {
      await call();
    }
  });

  it('a fault on one operation leaves the others alone, and the gateway did nothing while failing', async () => {
    await inject({ operation: 'transfer', code: 'SYSTEM_ERROR', times: 1 });
    const request = { outBillNo: uniqueNo('B'), openid: 'o-x', amountFen: 100, remark: 'x' };
    expect(await gateway.queryTransfer(request.outBillNo)).toBeNull();
    expect((await gatewayFailure(gateway.transfer(request))).code).toBe('SYSTEM_ERROR');
    expect(await gateway.queryTransfer(request.outBillNo)).toBeNull();
    expect((await gateway.transfer(request)).state).toBe('ACCEPTED');
  });

  it('DELETE /v1/sandbox/faults clears every fault: 204', async () => {
    await inject({ operation: 'queryOrder', code: 'SYSTEM_ERROR', times: 1000 });
    const cleared = await app.http.request('DELETE', '/v1/sandbox/faults', { token: TEST_ADMIN_TOKEN });
    expect(cleared.status).toBe(204);
    expect(await gateway.queryOrder(uniqueNo())).toBeNull();
  });

  it('refuses bad fault requests: 400 VALIDATION_FAILED', async () => {
    for (const body of [
      { operation: 'pay', code: 'SYSTEM_ERROR', times: 1 },
      { operation: 'refund', code: 'TEAPOT', times: 1 },
      { operation: 'refund', code: 'SYSTEM_ERROR', times: 0 },
      { operation: 'refund', code: 'SYSTEM_ERROR', times: 1001 },
      { operation: 'refund', code: 'SYSTEM_ERROR', times: 1, extra: true },
    ]) {
      expectError(await inject(body), 400, 'VALIDATION_FAILED');
    }
  });

  it('PUT /v1/sandbox/settings changes the given fields and answers all of them', async () => {
    const first = await app.http.request('PUT', '/v1/sandbox/settings', {
      token: TEST_ADMIN_TOKEN,
      body: { dropFirst: 2, duplicates: 1 },
    });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      dropFirst: 2,
      duplicates: 1,
      delayMs: 0,
      settleDelayMs: 0,
      transferMinFen: 10,
      transferMaxFen: 20_000,
    });
    const second = await app.http.request('PUT', '/v1/sandbox/settings', {
      token: TEST_ADMIN_TOKEN,
      body: { settleDelayMs: 5000 },
    });
    expect(second.body).toMatchObject({ dropFirst: 2, duplicates: 1, settleDelayMs: 5000 });
    expect((await app.http.get('/v1/sandbox/settings', { token: TEST_ADMIN_TOKEN })).body).toEqual(second.body);
  });

  it('refuses unknown, negative and fractional settings', async () => {
    for (const body of [{ verbose: true }, { dropFirst: -1 }, { delayMs: 1.5 }, { duplicates: '2' }]) {
      expectError(
        await app.http.request('PUT', '/v1/sandbox/settings', { token: TEST_ADMIN_TOKEN, body }),
        400,
        'VALIDATION_FAILED',
      );
    }
    expectError(
      await app.http.request('PUT', '/v1/sandbox/settings', {
        token: TEST_ADMIN_TOKEN,
        body: { transferMinFen: 500, transferMaxFen: 100 },
      }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('the control routes need the admin token', async () => {
    const fault = { operation: 'refund', code: 'SYSTEM_ERROR', times: 1 };
    expectError(await app.http.post('/v1/sandbox/faults', { body: fault }), 401, 'UNAUTHENTICATED');
    expectError(await inject(fault, 'not-the-admin-token'), 401, 'UNAUTHENTICATED');
    expectError(await app.http.request('DELETE', '/v1/sandbox/faults'), 401, 'UNAUTHENTICATED');
    expectError(
      await app.http.request('PUT', '/v1/sandbox/settings', { body: { dropFirst: 1 } }),
      401,
      'UNAUTHENTICATED',
    );
    expect(await gateway.queryRefund(uniqueNo())).toBeNull(); // no fault was set
  });

  it('the sandbox routes are in the OpenAPI document', async () => {
    const paths = Object.keys((await app.http.get('/docs-json')).body.paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/v1/sandbox/payments/{outTradeNo}/pay',
        '/v1/sandbox/keys',
        '/v1/sandbox/faults',
        '/v1/sandbox/settings',
      ]),
    );
  });
});
