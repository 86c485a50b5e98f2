import { Module } from '@nestjs/common';
import { SandboxControlController } from './sandbox-control.controller';
import { SandboxGatewayModule } from './sandbox-gateway.module';
import { SandboxKeysController } from './sandbox-keys.controller';
import { SandboxShopperController } from './sandbox-shopper.controller';
import { SandboxV3Controller } from './v3/sandbox-v3.controller';

/**
 * `/v1/sandbox/*` (the simulated shopper paying, the sandbox keys, fault injection) and `/v3/*` (WeChat Pay's own
 * paths, which the `wechatpay` adapter's tests talk to). Imported through sandboxRouteModules.
 */
@Module({
  imports: [SandboxGatewayModule],
  controllers: [SandboxShopperController, SandboxKeysController, SandboxControlController, SandboxV3Controller],
})
export class SandboxRoutesModule {}
