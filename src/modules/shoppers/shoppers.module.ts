import { Inject, Logger, Module, OnModuleInit } from '@nestjs/common';
import { RUNTIME, Runtime } from '../../platform/runtime/runtime';
import { AuthController } from './auth.controller';
import { ShoppersService } from './shoppers.service';
import { SandboxWechatAuthGateway } from './wechat-auth/sandbox-wechat-auth.gateway';
import { WechatAuthGateway } from './wechat-auth/wechat-auth.gateway';

@Module({
  controllers: [AuthController],
  providers: [ShoppersService, { provide: WechatAuthGateway, useClass: SandboxWechatAuthGateway }],
  exports: [ShoppersService],
})
export class ShoppersModule implements OnModuleInit {
  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  onModuleInit(): void {
    if (this.runtime.config.nodeEnv === 'production' && this.runtime.config.wechatAuth === 'sandbox') {
      new Logger('WechatAuth').warn(
        'WECHAT_AUTH=sandbox in production: any "sandbox:<openid>" code logs in as that openid',
      );
    }
  }
}
