import { Inject, Logger, Module, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../../config/config';
import { RUNTIME, Runtime } from '../../platform/runtime/runtime';
import { AuthController } from './auth.controller';
import { ShoppersService } from './shoppers.service';
import { SandboxWechatAuthGateway } from './wechat-auth/sandbox-wechat-auth.gateway';
import { WechatAuthGateway } from './wechat-auth/wechat-auth.gateway';
import { WechatCode2SessionGateway } from './wechat-auth/wechat-code2session.gateway';

/** The adapter WECHAT_AUTH names (wechatApi is set exactly when it is 'wechat'). */
const wechatAuthGateway = (config: AppConfig): WechatAuthGateway =>
  config.wechatApi ? new WechatCode2SessionGateway(config.wechatApi) : new SandboxWechatAuthGateway();

@Module({
  controllers: [AuthController],
  providers: [
    ShoppersService,
    {
      provide: WechatAuthGateway,
      useFactory: (runtime: Runtime) => wechatAuthGateway(runtime.config),
      inject: [RUNTIME],
    },
  ],
  exports: [ShoppersService],
})
export class ShoppersModule implements OnModuleInit {
  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  onModuleInit(): void {
    // Production reaches here with the sandbox login only when ALLOW_SANDBOX=true (config.ts refuses it otherwise).
    if (this.runtime.config.nodeEnv === 'production' && this.runtime.config.wechatAuth === 'sandbox') {
      new Logger('WechatAuth').warn(
        'WECHAT_AUTH=sandbox in production (ALLOW_SANDBOX=true): any "sandbox:<openid>" code logs in as that openid',
      );
    }
  }
}
