import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { PURCHASE_OPENAPI, PURCHASE_OPENAPI_PATH } from './modules/flash-sale/http/purchase-schema';
import { boundedJsonParser } from './platform/http/bounded-json-parser';
import { answerClientError, answerFrameworkError } from './platform/http/framework-refusals';
import { fastifyTrustProxy } from './platform/http/client-address';
import { registerConsole } from './platform/http/console-static';
import { FrontDoor } from './platform/http/front-door';
import { refuseUnusableRequestText } from './platform/http/request-text-guard';
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
    // Unset: the socket peer is the caller; X-Forwarded-For is believed only from the configured proxies.
    trustProxy: fastifyTrustProxy(runtime.config.trustProxy),
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(runtime, { ...options, frontDoor }),
    adapter,
    {
      bufferLogs: true,
      rawBody: true,
      // Nest's parsers (JSON, and forms) are replaced by the one below.
      bodyParser: false,
    },
  );
  app.useLogger(app.get(AppLogger));
  // JSON only, its shape bounded before it is parsed: anything else is 415, not a string handed to validation.
  const fastify = app.getHttpAdapter().getInstance();
  fastify.removeContentTypeParser('text/plain');
  app.useBodyParser('application/json', { bodyLimit: runtime.config.bodyLimitBytes }, boundedJsonParser(fastify));
  fastify.addHook('preValidation', refuseUnusableRequestText);
  // The flash-sale purchase is answered in front of Fastify (flash-sale/http/purchase-front-door.ts): Swagger cannot see it.
  const document = openApiDocument(app, { [PURCHASE_OPENAPI_PATH]: PURCHASE_OPENAPI });
  const serviceUrl = app.get(ServiceUrl);
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs-json',
    patchDocumentOnRequest: (_request, _reply, built) =>
      withServers(built, runtime.config.publicBaseUrl, serviceUrl.get()),
  });
  await registerConsole(fastify, runtime.config.consoleDir);
  await app.init();
  return app;
}
