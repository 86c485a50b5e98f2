import { startTestApp, TestApp } from '../support/test-app';

/** The merchant-operations routes built here, with the error statuses each must document. */
const ROUTES: Array<[method: string, path: string, errors: number[]]> = [
  ['GET', '/v1/merchant/me', [401, 403]],
  ['POST', '/v1/merchant/api-keys/rotate', [400, 401, 403, 409]],
  ['GET', '/v1/merchants', [400, 401, 403]],
  ['GET', '/v1/merchant/products', [400, 401, 403]],
  ['PATCH', '/v1/merchant/products/{id}', [400, 401, 403, 404]],
  ['GET', '/v1/products/{id}', [401, 403, 404]],
  ['GET', '/v1/merchant/coupon-templates/{id}/codes', [400, 401, 403, 404]],
];

describe('OpenAPI for the merchant-operations routes', () => {
  let app: TestApp;
  let document: any;

  beforeAll(async () => {
    app = await startTestApp();
    document = (await app.http.get('/docs-json')).body;
  });
  afterAll(() => app.close());

  const resolve = (schema: any) =>
    schema?.$ref ? document.components.schemas[schema.$ref.replace('#/components/schemas/', '')] : schema;

  it.each(ROUTES)('%s %s: its success, its errors in the envelope, its parameters', (method, path, errors) => {
    const operation = document.paths[path]?.[method.toLowerCase()];
    expect(operation).toBeDefined();
    const statuses = Object.keys(operation.responses).map(Number);
    expect(statuses.some((status) => status >= 200 && status < 300)).toBe(true);
    for (const status of errors) {
      const response = operation.responses[String(status)];
      expect({ status, described: response !== undefined }).toEqual({ status, described: true });
      const envelope = resolve(response.content['application/json'].schema);
      expect(envelope.properties.error).toBeDefined();
      expect(response.description).toMatch(/^[A-Z_]+(, [A-Z_]+)*$/);
    }
    const inPath = (operation.parameters ?? []).filter((p: { in: string }) => p.in === 'path').map((p: any) => p.name);
    expect(inPath).toEqual([...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]));
  });

  it('documents the list filters and the PATCH body', () => {
    const names = (path: string) => document.paths[path].get.parameters.map((p: { name: string }) => p.name).sort();
    expect(names('/v1/merchant/products')).toEqual(['cursor', 'limit', 'q', 'status']);
    expect(names('/v1/merchant/coupon-templates/{id}/codes')).toEqual(['cursor', 'id', 'limit', 'status']);
    const body = resolve(
      document.paths['/v1/merchant/products/{id}'].patch.requestBody.content['application/json'].schema,
    );
    expect(Object.keys(body.properties).sort()).toEqual(['name', 'priceFen', 'status']);
    expect(body.required ?? []).toEqual([]);
  });
});
