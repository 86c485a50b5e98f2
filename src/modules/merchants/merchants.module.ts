import { Global, Module } from '@nestjs/common';
import { MerchantKeyVerifier } from '../../platform/auth/merchant-key-verifier';
import { MerchantAccountController } from './merchant-account.controller';
import { MerchantsController } from './merchants.controller';
import { MerchantsService } from './merchants.service';

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
  exports: [MerchantsService, MerchantKeyVerifier],
})
export class MerchantsModule {}
