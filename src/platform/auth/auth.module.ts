import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import { RUNTIME, Runtime } from '../runtime/runtime';
import { AdminGuard } from './admin.guard';
import { Admission } from './admission';
import { CredentialKinds } from './credential-kind';
import { FailedAuthentications } from './failed-authentications';
import { MerchantGuard } from './merchant.guard';
import { OptionalShopperGuard } from './optional-shopper.guard';
import { ShopperGuard } from './shopper.guard';
import { ShopperTokens } from './shopper-tokens';

/** What every module's routes use: the guards and what they stand on. */
const SHARED = [
  AdminGuard,
  MerchantGuard,
  ShopperGuard,
  OptionalShopperGuard,
  ShopperTokens,
  CredentialKinds,
  Admission,
];

@Global()
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [RUNTIME],
      // A KeyObject, not the string: given a string, jsonwebtoken first tries to parse it as a PEM key on every
      // sign and verify and catches the failure: measured here, 670 µs per verification against 35 µs.
      useFactory: (runtime: Runtime) => ({
        secret: createSecretKey(Buffer.from(runtime.jwtSecret, 'utf8')),
        signOptions: { algorithm: 'HS256' },
      }),
    }),
  ],
  providers: [...SHARED, FailedAuthentications],
  exports: [...SHARED, JwtModule],
})
export class AuthModule {}
