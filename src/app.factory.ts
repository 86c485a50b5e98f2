import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { PURCHASE_OPENAPI, PURCHASE_OPENAPI_PATH } from './modules/flash-sale/http/purchase-schema';
import { FrontDoor } from './platform/http/front-door';
import { ServiceUrl } from './platform/http/service-url';
import { AppLogger } from './platform/logging/app-logger';
import { openApiDocument, withServers } from './platform/openapi/openapi-document';
import { PlatformOptions } from './platform/platform.module';
import { Runtime } from './platform/runtime/runtime';

/** The whole HTTP application, initialised but not listening: main.ts and the tests both start it this way. */
export async function createApp(runtime: Runtime, options: PlatformOptions = {}): Promise<NestFastifyApplication> {
  // Hot routes answer in front of Fastify's router (front-door.ts); the rest of the API is ordinary Nest.
  const frontDoor = new FrontDoor();
  const adapter = new FastifyAdapter({
    serverFactory: frontDoor.serverFactory,
    bodyLimit: runtime.config.bodyLimitBytes,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    trustProxy: true,
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
  // The flash-sale purchase is answered in front of Fastify (flash-sale/http/purchase-front-door.ts): Swagger cannot see it.
  const document = openApiDocument(app, { [PURCHASE_OPENAPI_PATH]: PURCHASE_OPENAPI });
  const serviceUrl = app.get(ServiceUrl);
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs-json',
    patchDocumentOnRequest: (_request, _reply, built) =>
      withServers(built, runtime.config.publicBaseUrl, serviceUrl.get()),
  });
  await app.init();
  return app;
}
