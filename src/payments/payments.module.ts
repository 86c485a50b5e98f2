import { Global, Module } from '@nestjs/common';

/** The payment provider port and its adapters, the notify webhook, transfers. */
@Global()
@Module({
  providers: [],
  exports: [],
})
export class PaymentsModule {}
