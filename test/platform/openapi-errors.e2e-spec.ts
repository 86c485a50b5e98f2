import { randomUUID } from 'node:crypto';
import { createMerchant, loginShopper } from '../support/fixtures';
import { OpenApi } from '../support/openapi';
import { startTestApp, TEST_ADMIN_TOKEN, TestApp } from '../support/test-app';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Every operation of the document as [METHOD, path, operation]. */
const operationsOf = (document: any): Array<[string, string, any]> =>
  Object.entries<any>(document.paths).flatMap(([path, operations]) =>
    Object.entries<any>(operations)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, operation]): [string, string, any] => [method.toUpperCase(), path, operation]),
  );

const schemeOf = (operation: any): string | undefined => Object.keys(operation.security?.[0] ?? {})[0];
const idempotencyHeader = (operation: any) =>
  (operation.parameters ?? []).find(
    (parameter: any) => parameter.in === 'header' && parameter.name === 'Idempotency-Key',
  );

/** The typed errors, security schemes, Idempotency-Key and servers of /docs-json (issue 17). */
describe('OpenAPI: errors, security, Idempotency-Key and servers', () => {
  let app: TestApp;
  let api: OpenApi;

  beforeAll(async () => {
    app = await startTestApp();
    api = await OpenApi.of(app);
  });
  afterAll(() => app.close());

  it('every error response of every operation is the shared ErrorResponse, described by the codes it carries', () => {
    const errors = operationsOf(api.document).flatMap(([method, path, operation]) =>
      Object.entries<any>(operation.responses)
        .filter(([status]) => Number(status) >= 400)
        .map(([status, response]) => ({ route: `${method} ${path} ${status}`, response })),
    );
    expect(errors.length).toBeGreaterThan(400);
    for (const { route, response } of errors) {
      expect({ route, schema: response.content['application/json'].schema }).toEqual({
        route,
        schema: { $ref: '#/components/schemas/ErrorResponse' },
      });
      expect({ route, description: response.description }).toEqual({
        route,
        description: expect.stringMatching(/^[A-Z_]+(, [A-Z_]+)*$/),
      });
    }
    const envelope = api.document.components.schemas.ErrorResponse;
    expect(envelope.properties.error.properties.code).toEqual({ $ref: '#/components/schemas/ErrorCode' });
    expect(envelope.properties.error.required).toEqual(['code', 'message']);
  });

  it('every operation names its security; the guarded ones answer 401 and 403, the public ones neither', () => {
    for (const [method, path, operation] of operationsOf(api.document)) {
      const route = `${method} ${path}`;
      expect({ route, security: Array.isArray(operation.security) }).toEqual({ route, security: true });
      const guarded = operation.security.length > 0;
      expect({ route, 401: '401' in operation.responses, 403: '403' in operation.responses }).toEqual({
        route,
        401: guarded || path === '/v1/auth/wechat-login' || path === '/v1/payments/wechat/notify',
        403: guarded,
      });
    }
    expect(schemeOf(api.operation('GET', '/v1/me/orders'))).toBe('shopper');
    expect(schemeOf(api.operation('GET', '/v1/merchant/orders'))).toBe('merchant');
    expect(schemeOf(api.operation('POST', '/v1/merchants'))).toBe('admin');
    expect(api.operation('POST', '/v1/auth/wechat-login').security).toEqual([]);
  });

  it('only shopper tokens are declared JWTs', () => {
    const schemes = api.document.components.securitySchemes;
    expect(schemes.shopper).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
    expect(schemes.merchant).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(schemes.admin).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect([schemes.merchant.bearerFormat, schemes.admin.bearerFormat]).not.toContain('JWT');
  });

  it('Idempotency-Key is declared, with its limits, on exactly the POSTs that check it', async () => {
    const merchant = await createMerchant(app);
    const shopper = await loginShopper(app);
    const tokens: Record<string, string> = {
      shopper: shopper.token,
      merchant: merchant.apiKey,
      admin: TEST_ADMIN_TOKEN,
    };
    const posts = operationsOf(api.document).filter(([method]) => method === 'POST');
    const seen = [];
    for (const [, path, operation] of posts) {
      const scheme = schemeOf(operation);
      const response = await app.http.post(
        path.replace(/\{\w+\}/g, () => randomUUID()),
        { token: scheme ? tokens[scheme] : undefined, body: {}, idempotencyKey: 'k'.repeat(256) },
      );
      const refusedKey =
        response.status === 400 && JSON.stringify(response.body.error.details).includes('Idempotency-Key');
      seen.push({ path, declared: idempotencyHeader(operation) !== undefined, checked: refusedKey });
    }
    expect(seen.filter(({ declared, checked }) => declared !== checked)).toEqual([]);
    expect(seen.filter(({ declared }) => declared).length).toBeGreaterThan(20);
    for (const { path } of seen.filter(({ declared }) => declared)) {
      expect({ path, schema: idempotencyHeader(api.operation('POST', path)).schema }).toEqual({
        path,
        schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x20-\\x7E]+$' },
      });
    }
  });

  it('servers is the address the instance listens on when PUBLIC_BASE_URL is unset', () => {
    expect(api.document.servers).toEqual([{ url: app.url, description: expect.any(String) }]);
  });

  it('servers is PUBLIC_BASE_URL when set', async () => {
    const proxied = await startTestApp({ env: { PUBLIC_BASE_URL: 'https://engage.example.com/' } });
    try {
      const document = (await OpenApi.of(proxied)).document;
      expect(document.servers).toEqual([{ url: 'https://engage.example.com', description: 'PUBLIC_BASE_URL' }]);
    } finally {
      await proxied.close();
    }
  });
});
