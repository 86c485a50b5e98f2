import { Module } from '@nestjs/common';
import { SandboxControlController } from './sandbox-control.controller';
import { SandboxGatewayModule } from './sandbox-gateway.module';
import { SandboxKeysController } from './sandbox-keys.controller';
import { SandboxShopperController } from './sandbox-shopper.controller';

/** `/v1/sandbox/*`: the simulated shopper paying, the sandbox keys, fault injection. Imported through sandboxRouteModules. */
@Module({
  imports: [SandboxGatewayModule],
  controllers: [SandboxShopperController, SandboxKeysController, SandboxControlController],
})
export class SandboxRoutesModule {}
