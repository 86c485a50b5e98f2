import { Inject, Logger, Module, OnModuleInit, Type } from '@nestjs/common';
import { AppConfig } from '../../config/config';
import { RUNTIME, Runtime } from '../runtime/runtime';

/**
 * Whether this instance serves the sandbox's own routes (`/v1/sandbox/*` and the WeChat-shaped paths the sandbox
 * mirrors: `/sns/jscode2session`, WeChat Pay's `/v3/*`). With the sandbox gateway, always outside production:
 * tests and `npm start` rely on them. Otherwise (production, or another gateway: API.md has them 404 then) only with
 * ALLOW_SANDBOX=true, because they pay any order, hand out the sandbox keys and log anyone in; a test of the
 * `wechatpay` adapter sets it to have the sandbox's v3 paths to talk to.
 */
export const servesSandbox = (config: AppConfig): boolean =>
  config.allowSandbox || (config.paymentGateway === 'sandbox' && config.nodeEnv !== 'production');

/** Says so at start-up when production serves the sandbox's routes. */
@Module({})
class SandboxSurfaceModule implements OnModuleInit {
  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  onModuleInit(): void {
    if (this.runtime.config.nodeEnv !== 'production') return;
    new Logger('Sandbox').warn(
      "ALLOW_SANDBOX=true in production: the sandbox's routes are served (/v1/sandbox/*, /sns/jscode2session, /v3/*); " +
        'they pay sandbox orders, hand out the sandbox keys and log anyone in',
    );
  }
}

/**
 * The one place that decides whether sandbox controllers exist. AppModule imports the modules that hold them through
 * this: when the sandbox is not served their routes are never registered (404) and OpenAPI does not list them.
 * Such modules hold controllers only; the providers they use come from the modules they import.
 */
export const sandboxRouteModules = (config: AppConfig, modules: Type[]): Type[] =>
  servesSandbox(config) ? [SandboxSurfaceModule, ...modules] : [];
