import { randomBytes } from 'node:crypto';
import { GatewayError, JsapiOrderRequest, PaymentGateway } from '../../../src/payments/payment-gateway';
import { SandboxFaults } from '../../../src/payments/sandbox/sandbox-faults';
import { SandboxSettings } from '../../../src/payments/sandbox/sandbox-settings';
import { JobRunner } from '../../../src/platform/jobs/job-runner';
import { payInSandbox } from '../../support/payments';
import type { TestApp } from '../../support/test-app';

export const uniqueNo = (prefix = 'T'): string => `${prefix}${randomBytes(8).toString('hex')}`;

export function jsapiRequest(app: TestApp, overrides: Partial<JsapiOrderRequest> = {}): JsapiOrderRequest {
  return {
    outTradeNo: uniqueNo('ORD_'),
    description: 'Oolong tea, 250 g',
    amountFen: 2500,
    payerOpenid: 'o-sandbox-shopper',
    timeExpire: new Date(app.clock.now().getTime() + 15 * 60_000),
    ...overrides,
  };
}

export const gatewayOf = (app: TestApp): PaymentGateway => app.app.get(PaymentGateway);

/** The GatewayError a call failed with; fails the test when the call succeeds or fails otherwise. */
export async function gatewayFailure(
  call: Promise<unknown>,
): Promise<{ code: string; httpStatus: number; message: string }> {
  try {
    await call;
  } catch (error) {
    if (error instanceof GatewayError)
      return { code: error.code, httpStatus: error.httpStatus, message: error.message };
    throw error;
  }
  throw new Error('expected a GatewayError, the call succeeded');
}

/** An order at the sandbox provider, paid by the simulated shopper (its notification queued, not sent). */
export async function paidOrder(app: TestApp, overrides: Partial<JsapiOrderRequest> = {}): Promise<JsapiOrderRequest> {
  const request = jsapiRequest(app, overrides);
  await gatewayOf(app).createJsapiOrder(request);
  const paid = await payInSandbox(app, request.outTradeNo);
  if (paid.status !== 202) throw new Error(`sandbox pay: ${paid.status} ${paid.text}`);
  return request;
}

export const runJob = (app: TestApp, name: 'sandbox.deliver' | 'sandbox.settle'): Promise<any> =>
  app.app.get(JobRunner).runNow(name);

/** Back to a well-behaved provider between tests. */
export function resetSandbox(app: TestApp): void {
  app.app.get(SandboxSettings).reset();
  app.app.get(SandboxFaults).clear();
}

export const deliveriesOf = (app: TestApp, where = 'TRUE', parameters: unknown[] = []) =>
  app.db.query<Record<string, any>>(`SELECT * FROM sandbox_deliveries WHERE ${where} ORDER BY created_at`, parameters);
