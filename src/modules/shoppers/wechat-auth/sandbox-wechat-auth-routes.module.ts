import { Module } from '@nestjs/common';
import { SandboxCode2SessionController } from './sandbox-code2session.controller';

/** `/sns/jscode2session`, the sandbox's code2Session. Imported through sandboxRouteModules. */
@Module({ controllers: [SandboxCode2SessionController] })
export class SandboxWechatAuthRoutesModule {}
