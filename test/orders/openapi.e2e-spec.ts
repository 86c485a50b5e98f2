import { startTestApp, TestApp } from '../support/test-app';

/** The order and refund routes for merchants (and the shopper's order), with the error statuses each must document. */
const ROUTES: Array<[method: string, path: string, errors: number[]]> = [
  ['GET', '/v1/merchant/orders', [400, 401, 403]],
  ['GET', '/v1/merchant/orders.csv', [400, 401, 403]],
  ['GET', '/v1/merchant/orders/{id}', [401, 403, 404]],
  ['POST', '/v1/merchant/orders/{id}/refunds', [400, 401, 403, 404, 409]],
  ['GET', '/v1/merchant/refunds/{id}', [401, 403, 404]],
  ['GET', '/v1/orders/{id}', [401, 403, 404, 503]],
];

const REFUND_FIELDS = ['amountFen', 'createdAt', 'id', 'outRefundNo', 'reason', 'status', 'succeededAt'];

describe('OpenAPI for the merchant order and refund routes', () => {
  let app: TestApp;
  let document: any;

  beforeAll(async () => {
    app = await startTestApp();
    document = (await app.http.get('/docs-json')).body;
  });
  afterAll(() => app.close());

  const resolve = (schema: any) =>
    schema?.$ref ? document.components.schemas[schema.$ref.replace('#/components/schemas/', '')] : schema;
  const success = (path: string, method = 'get') => {
    const responses = document.paths[path][method].responses;
    return responses[Object.keys(responses).find((status) => status.startsWith('2'))!];
  };
  /** Every property of a schema, those of the schemas it extends (allOf) included. */
  const properties = (schema: any): Record<string, any> => {
    const resolved = resolve(schema);
    return Object.assign({}, ...(resolved.allOf ?? []).map(properties), resolved.properties ?? {});
  };

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

  it('documents the list filters, the CSV range and its media type', () => {
    const names = (path: string) => document.paths[path].get.parameters.map((p: { name: string }) => p.name).sort();
    expect(names('/v1/merchant/orders')).toEqual(['cursor', 'from', 'kind', 'limit', 'status', 'to']);
    expect(names('/v1/merchant/orders.csv')).toEqual(['from', 'to']);
    expect(Object.keys(success('/v1/merchant/orders.csv').content)).toEqual(['text/csv']);
  });

  it('documents shopperId on the merchant views, refunds on both order views, and the refund', () => {
    const page = properties(success('/v1/merchant/orders').content['application/json'].schema);
    const listed = properties(page.items.items);
    expect(listed.shopperId).toBeDefined();
    expect(Object.keys(listed).some((name) => /openid/i.test(name))).toBe(false);
    for (const path of ['/v1/merchant/orders/{id}', '/v1/orders/{id}']) {
      const order = properties(success(path).content['application/json'].schema);
      expect(Object.keys(properties(order.refunds.items)).sort()).toEqual(REFUND_FIELDS);
    }
    const refund = properties(success('/v1/merchant/refunds/{id}').content['application/json'].schema);
    expect(Object.keys(refund).sort()).toEqual([...REFUND_FIELDS, 'failReason', 'orderId'].sort());
  });
});
