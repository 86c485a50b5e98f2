import { Inject, Logger, Module, OnModuleInit } from '@nestjs/common';
import { RUNTIME, Runtime } from '../platform/runtime/runtime';
import { PaymentGateway } from './payment-gateway';
import { SandboxGatewayModule } from './sandbox/sandbox-gateway.module';
import { SandboxPaymentGateway } from './sandbox/sandbox-payment-gateway';
import { TimedPaymentGateway } from './timed-payment-gateway';

/**
 * The payment provider port and the adapter PAYMENT_GATEWAY names. 'sandbox' is its only value (AppConfig's type
 * admits no other), so the sandbox is wired here directly; a production adapter would turn this into
 * `PaymentsModule.forRoot(runtime)` choosing the adapter module, so the sandbox routes would not exist beside it.
 * Whichever adapter is bound, callers get it behind the call timeout (PAYMENT_GATEWAY_TIMEOUT_MS). Imported by the
 * modules that call the provider (orders, settlement).
 */
@Module({
  imports: [SandboxGatewayModule],
  providers: [
    {
      provide: PaymentGateway,
      useFactory: (adapter: SandboxPaymentGateway, runtime: Runtime) =>
        new TimedPaymentGateway(adapter, runtime.config.paymentGatewayTimeoutMs),
      inject: [SandboxPaymentGateway, RUNTIME],
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
