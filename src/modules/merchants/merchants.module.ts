import { Global, Module } from '@nestjs/common';
import { MerchantKeyVerifier } from '../../platform/auth/merchant-key-verifier';
import { MerchantAccountController } from './merchant-account.controller';
import { MerchantsController } from './merchants.controller';
import { MerchantsService } from './merchants.service';

/**
 * Merchants and their API keys. Global for one reason: the platform's MerchantGuard, used on every merchant route of
 * every module, resolves keys through the MerchantKeyVerifier port this module provides.
 */
@Global()
@Module({
  controllers: [MerchantsController, MerchantAccountController],
  providers: [
    MerchantsService,
    {
      provide: MerchantKeyVerifier,
      inject: [MerchantsService],
      useFactory: (merchants: MerchantsService): MerchantKeyVerifier => ({
        verify: (apiKey) => merchants.verifyApiKey(apiKey),
      }),
    },
  ],
  exports: [MerchantKeyVerifier],
})
export class MerchantsModule {}
