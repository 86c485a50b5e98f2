import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { errorSchemas } from './error-schema';
import { withErrorResponses } from './operation-errors';
import { routeFacts, routeKey } from './route-facts';

const DESCRIPTION =
  'Coupons, group-buys, flash sales, lucky draws, rebates and gift cards for mini-program shops. Money is integer ' +
  'fen; ids are opaque; errors are `{"error": {"code", "message", "details"}}` (schema ErrorResponse), each ' +
  'operation listing per status the codes it can answer with. The reference for people is docs/api.md.';

/** Shopper tokens are JWTs; merchant API keys and the admin token are opaque strings compared as they are. */
function builder(): DocumentBuilder {
  return new DocumentBuilder()
    .setTitle('Engage')
    .setDescription(DESCRIPTION)
    .setVersion('1')
    .addSecurity('shopper', {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
      description: 'The token from POST /v1/auth/wechat-login (it carries exp)',
    })
    .addSecurity('merchant', {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'opaque API key (ek_...)',
      description: 'The merchant API key from POST /v1/merchants or POST /v1/merchant/api-keys/rotate',
    })
    .addSecurity('admin', {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'opaque token',
      description: 'The platform token, ADMIN_TOKEN',
    });
}

/**
 * The document SwaggerModule reads off the controllers, with the operations it cannot see (`extraPaths`: routes
 * answered in front of Fastify) and every operation's error answers completed from the route's kind
 * (operation-errors.ts) in the one shared error schema.
 */
export function openApiDocument(app: INestApplication, extraPaths: Record<string, object> = {}): OpenAPIObject {
  const document = SwaggerModule.createDocument(app, builder().build());
  const facts = routeFacts(app);
  const paths = Object.fromEntries(
    Object.entries({ ...document.paths, ...extraPaths }).map(([path, operations]) => [
      path,
      Object.fromEntries(
        Object.entries(operations as Record<string, unknown>).map(([method, operation]) =>
          isOperation(method)
            ? [method, withErrorResponses(method, path, operation as never, facts.get(routeKey(method, path)))]
            : [method, operation],
        ),
      ),
    ]),
  );
  return {
    ...document,
    paths,
    components: { ...document.components, schemas: { ...document.components?.schemas, ...errorSchemas() } },
  };
}

const isOperation = (key: string) =>
  ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'].includes(key);

/**
 * `servers`: PUBLIC_BASE_URL when set (the address callers use, behind any proxy), else the address this instance
 * listens on (known once it listens, so filled in as the document is served).
 */
export function withServers(document: OpenAPIObject, publicBaseUrl: string | null, listening: string | null) {
  const url = publicBaseUrl ?? listening;
  if (url === null) return document;
  const description = publicBaseUrl ? 'PUBLIC_BASE_URL' : 'This instance, as it listens (set PUBLIC_BASE_URL)';
  return { ...document, servers: [{ url: url.replace(/\/$/, ''), description }] };
}
