import { Inject, Logger, Module, OnModuleInit } from '@nestjs/common';
import { Clock } from '../platform/clock/clock';
import { Db } from '../platform/database/db';
import { ServiceUrl } from '../platform/http/service-url';
import { RUNTIME, Runtime } from '../platform/runtime/runtime';
import { paymentNotifyUrl } from './notify/notify-url';
import { GatewayError, PaymentGateway } from './payment-gateway';
import { SandboxGatewayModule } from './sandbox/sandbox-gateway.module';
import { SandboxPaymentGateway } from './sandbox/sandbox-payment-gateway';
import { TimedPaymentGateway } from './timed-payment-gateway';
import { WechatPayPaymentGateway } from './wechatpay/wechatpay-payment-gateway';

/**
 * The payment provider port and the adapter PAYMENT_GATEWAY names: 'sandbox' (in-process) or 'wechatpay' (WeChat Pay
 * API v3 at WECHATPAY_BASE_URL). The sandbox's state is there either way: its /v3 routes (served where the sandbox is,
 * sandbox-surface.ts) are what the wechatpay adapter's tests talk to. Whichever adapter is bound, callers get it behind the call timeout
 * (PAYMENT_GATEWAY_TIMEOUT_MS). Imported by the modules that call the provider (orders, settlement).
 */
@Module({
  imports: [SandboxGatewayModule],
  providers: [
    {
      provide: PaymentGateway,
      useFactory: (runtime: Runtime, sandbox: SandboxPaymentGateway, db: Db, clock: Clock, serviceUrl: ServiceUrl) => {
        const { config } = runtime;
        const adapter = config.wechatpay
          ? new WechatPayPaymentGateway(
              config.wechatpay,
              clock,
              () => paymentNotifyUrl(config, serviceUrl) ?? notListeningYet(),
              config.paymentGatewayTimeoutMs,
            )
          : sandbox;
        return new TimedPaymentGateway(adapter, config.paymentGatewayTimeoutMs, () => db.inTransaction);
      },
      inject: [RUNTIME, SandboxPaymentGateway, Db, Clock, ServiceUrl],
    },
  ],
  // SandboxGatewayModule re-exported: tests reach SandboxPaymentGateway, SandboxFaults, SandboxSettings, SandboxKeyStore.
  exports: [PaymentGateway, SandboxGatewayModule],
})
export class PaymentsModule implements OnModuleInit {
  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  onModuleInit(): void {
    if (this.runtime.config.nodeEnv === 'production' && this.runtime.config.paymentGateway === 'sandbox') {
      new Logger('Payments').warn(
        'PAYMENT_GATEWAY=sandbox in production: payments are simulated, and anyone can pay any order through ' +
          'POST /v1/sandbox/payments/:outTradeNo/pay',
      );
    }
  }
}

/** Without PAYMENT_NOTIFY_URL the notify URL is this service's own, known once it listens: retried until then. */
function notListeningYet(): never {
  throw new GatewayError('SYSTEM_ERROR', 503, 'no notify URL yet: the service is not listening');
}
