import { JobRunner } from '../../src/platform/jobs/job-runner';
import { loginShopper, TestShopper } from './fixtures';
import { TestApp } from './test-app';

/** Runs scheduled jobs by hand, in this order, as the timers would: outbox, provider settlement, deliveries. */
export async function runJobs(app: TestApp, ...names: string[]): Promise<void> {
  const jobs = app.app.get(JobRunner);
  for (const name of names) await jobs.runNow(name);
}

/** Lets every queued effect play out: outbox → provider → notifications → outbox ..., a few rounds. */
export async function settleEverything(app: TestApp, rounds = 4): Promise<void> {
  for (let i = 0; i < rounds; i++) await runJobs(app, 'outbox.dispatch', 'sandbox.settle', 'sandbox.deliver');
}

export async function placeOrder(
  app: TestApp,
  shopper: TestShopper,
  items: Array<{ productId: string; quantity: number }>,
): Promise<any> {
  const response = await app.http.post('/v1/orders', { token: shopper.token, body: { items } });
  if (response.status !== 201) throw new Error(`placing an order: ${response.status} ${response.text}`);
  return response.body;
}

/**
 * The simulated shopper pays in the sandbox (the order changes only when the notification arrives): the order's own
 * payer (logged in again by its openid) unless another `payer` is given.
 */
export async function payInSandbox(
  app: TestApp,
  outTradeNo: string,
  result: 'success' | 'failed' = 'success',
  payer?: { token: string },
) {
  const token = (payer ?? (await loginShopper(app, await payerOpenidOf(app, outTradeNo)))).token;
  return app.http.post(`/v1/sandbox/payments/${outTradeNo}/pay`, { token, body: { result } });
}

/** Who may pay an out_trade_no: the payer of the provider's order, or of the order not yet prepared there. */
async function payerOpenidOf(app: TestApp, outTradeNo: string): Promise<string> {
  const [row] = await app.db.query<{ openid: string }>(
    `SELECT payer_openid AS openid FROM sandbox_transactions WHERE out_trade_no = $1
     UNION ALL SELECT shopper_openid FROM orders WHERE out_trade_no = $1`,
    [outTradeNo],
  );
  if (!row) throw new Error(`no order ${outTradeNo} to pay`);
  return row.openid;
}

export async function getOrder(app: TestApp, shopper: TestShopper, orderId: string): Promise<any> {
  return (await app.http.get(`/v1/orders/${orderId}`, { token: shopper.token })).body;
}

/** Pays an order and delivers the notification: the order ends `paid`. */
export async function payAndSettle(
  app: TestApp,
  shopper: TestShopper,
  order: { id: string; payment: { outTradeNo: string } },
) {
  const paid = await payInSandbox(app, order.payment.outTradeNo, 'success', shopper);
  if (paid.status !== 202) throw new Error(`sandbox pay: ${paid.status} ${paid.text}`);
  await settleEverything(app, 1);
  return getOrder(app, shopper, order.id);
}
