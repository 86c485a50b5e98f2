import { OpenApi } from '../support/openapi';

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
  let api: OpenApi;

  beforeAll(() => {
    api = OpenApi.served();
  });

  it.each(ROUTES)('%s %s: its success, its errors in the envelope, its parameters', (method, path, errors) =>
    api.expectRoute(method, path, errors),
  );

  it('documents the list filters and the PATCH body', () => {
    const names = (path: string) => api.document.paths[path].get.parameters.map((p: { name: string }) => p.name).sort();
    expect(names('/v1/merchant/products')).toEqual(['cursor', 'limit', 'q', 'status']);
    expect(names('/v1/merchant/coupon-templates/{id}/codes')).toEqual(['cursor', 'id', 'limit', 'status']);
    const body = api.resolve(
      api.document.paths['/v1/merchant/products/{id}'].patch.requestBody.content['application/json'].schema,
    );
    expect(Object.keys(body.properties).sort()).toEqual(['name', 'priceFen', 'status']);
    expect(body.required ?? []).toEqual([]);
  });
});
