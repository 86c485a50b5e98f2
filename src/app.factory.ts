import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { withPurchaseOperation } from './modules/flash-sale/http/purchase-schema';
import { fastifyTrustProxy } from './platform/http/client-address';
import { FrontDoor } from './platform/http/front-door';
import { AppLogger } from './platform/logging/app-logger';
import { PlatformOptions } from './platform/platform.module';
import { Runtime } from './platform/runtime/runtime';

function openApiDocument(app: NestFastifyApplication) {
  const config = new DocumentBuilder()
    .setTitle('Engage')
    .setDescription(
      'Coupons, group-buys, flash sales, lucky draws and rebates for mini-program shops. Money is integer fen; ' +
        'errors are {"error": {"code", "message", "details"}}.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'Token from POST /v1/auth/wechat-login' }, 'shopper')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'Merchant API key' }, 'merchant')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'ADMIN_TOKEN' }, 'admin')
    .build();
  // The flash-sale purchase is answered in front of Fastify (flash-sale/http/purchase-front-door.ts): Swagger cannot see it.
  return withPurchaseOperation(SwaggerModule.createDocument(app, config));
}

/** The whole HTTP application, initialised but not listening: main.ts and the tests both start it this way. */
export async function createApp(runtime: Runtime, options: PlatformOptions = {}): Promise<NestFastifyApplication> {
  // Hot routes answer in front of Fastify's router (front-door.ts); the rest of the API is ordinary Nest.
  const frontDoor = new FrontDoor();
  const adapter = new FastifyAdapter({
    serverFactory: frontDoor.serverFactory,
    bodyLimit: runtime.config.bodyLimitBytes,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    // Unset: the socket peer is the caller; X-Forwarded-For is believed only from the configured proxies.
    trustProxy: fastifyTrustProxy(runtime.config.trustProxy),
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(runtime, { ...options, frontDoor }),
    adapter,
    {
      bufferLogs: true,
      rawBody: true,
    },
  );
  app.useLogger(app.get(AppLogger));
  // JSON only: anything else is 415, not a string handed to validation.
  app.getHttpAdapter().getInstance().removeContentTypeParser('text/plain');
  SwaggerModule.setup('docs', app, openApiDocument(app), { jsonDocumentUrl: 'docs-json' });
  await app.init();
  return app;
}
