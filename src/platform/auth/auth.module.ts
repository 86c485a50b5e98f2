import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { RUNTIME, Runtime } from '../runtime/runtime';
import { AdminGuard } from './admin.guard';
import { CredentialKinds } from './credential-kind';
import { MerchantGuard } from './merchant.guard';
import { ShopperGuard } from './shopper.guard';
import { ShopperTokens } from './shopper-tokens';

@Global()
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [RUNTIME],
      useFactory: (runtime: Runtime) => ({ secret: runtime.jwtSecret, signOptions: { algorithm: 'HS256' } }),
    }),
  ],
  providers: [AdminGuard, MerchantGuard, ShopperGuard, ShopperTokens, CredentialKinds],
  exports: [AdminGuard, MerchantGuard, ShopperGuard, ShopperTokens, CredentialKinds, JwtModule],
})
export class AuthModule {}
