import {
  GatewayCalledInTransactionError,
  GatewayError,
  GatewayTimeoutError,
  GatewayTransaction,
  JsapiOrder,
  PaymentGateway,
} from './payment-gateway';
import { TimedPaymentGateway } from './timed-payment-gateway';

/** An adapter whose answers the test releases by hand. */
class ScriptedAdapter extends PaymentGateway {
  readonly pending: Array<{ resolve: (value: unknown) => void; reject: (error: unknown) => void }> = [];
  private later<T>(): Promise<T> {
    return new Promise<T>((resolve, reject) =>
      this.pending.push({ resolve: resolve as (value: unknown) => void, reject }),
    );
  }
  createJsapiOrder = (): Promise<JsapiOrder> => this.later();
  queryOrder = (): Promise<GatewayTransaction | null> => this.later();
  closeOrder = (): Promise<void> => Promise.reject(new GatewayError('ORDER_PAID', 400, 'paid'));
  refund = () => this.later<never>();
  queryRefund = () => this.later<never>();
  transfer = () => this.later<never>();
  queryTransfer = () => this.later<never>();
  parseNotification = () => this.later<never>();
}

describe('TimedPaymentGateway', () => {
  const request = {
    outTradeNo: 'T1',
    description: 'Tea',
    amountFen: 100,
    payerOpenid: 'o',
    timeExpire: new Date(),
  };

  it('fails a call with no answer in time with GatewayTimeoutError, a retryable error of unknown outcome', async () => {
    const adapter = new ScriptedAdapter();
    const gateway = new TimedPaymentGateway(adapter, 30, () => false);
    const error = await gateway.createJsapiOrder(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayTimeoutError);
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({
      code: 'SYSTEM_ERROR',
      operation: 'createJsapiOrder',
      timeoutMs: 30,
      retryable: true,
    });
    // The abandoned call's late failure goes nowhere (no unhandled rejection).
    adapter.pending[0].reject(new Error('late'));
    await new Promise((resolve) => setImmediate(resolve));
  });

  it('passes answers and refusals that come in time through unchanged', async () => {
    const adapter = new ScriptedAdapter();
    const gateway = new TimedPaymentGateway(adapter, 10_000, () => false);
    const query = gateway.queryOrder('T1');
    await new Promise((resolve) => setImmediate(resolve)); // the adapter is called on the next tick
    adapter.pending[0].resolve(null);
    expect(await query).toBeNull();
    await expect(gateway.closeOrder('T1')).rejects.toMatchObject({ code: 'ORDER_PAID' });
  });

  it('refuses a call made inside a database transaction without reaching the adapter, whichever adapter it is', async () => {
    const adapter = new ScriptedAdapter();
    let inTransaction = true;
    const gateway = new TimedPaymentGateway(adapter, 10_000, () => inTransaction);
    await expect(gateway.refund({} as never)).rejects.toBeInstanceOf(GatewayCalledInTransactionError);
    await expect(gateway.queryTransfer('B1')).rejects.toThrow(/queryTransfer called inside a database transaction/);
    await new Promise((resolve) => setImmediate(resolve));
    expect(adapter.pending).toHaveLength(0);
    inTransaction = false;
    const query = gateway.queryOrder('T1');
    await new Promise((resolve) => setImmediate(resolve));
    adapter.pending[0].resolve(null);
    expect(await query).toBeNull();
  });
});
