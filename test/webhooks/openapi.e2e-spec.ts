import { OpenApi } from '../support/openapi';

/** The webhook routes of API.md, with the error statuses each must document. */
const ROUTES: Array<[method: string, path: string, errors: number[]]> = [
  ['POST', '/v1/merchant/webhook-endpoints', [400, 401, 403, 409]],
  ['GET', '/v1/merchant/webhook-endpoints', [400, 401, 403]],
  ['PATCH', '/v1/merchant/webhook-endpoints/{id}', [400, 401, 403, 404]],
  ['POST', '/v1/merchant/webhook-endpoints/{id}/rotate-secret', [401, 403, 404, 409]],
  ['GET', '/v1/merchant/webhook-endpoints/{id}/deliveries', [400, 401, 403, 404]],
  ['POST', '/v1/merchant/webhook-deliveries/{id}/retry', [401, 403, 404]],
];

describe('OpenAPI for the webhook routes', () => {
  let api: OpenApi;

  beforeAll(() => {
    api = OpenApi.served();
  });

  it.each(ROUTES)('%s %s: its success, its errors in the envelope, its parameters', (method, path, errors) =>
    api.expectRoute(method, path, errors),
  );

  it('documents DELETE as 204 with its errors, the secret only where it is shown, and the delivery fields', () => {
    const deleted = api.operation('DELETE', '/v1/merchant/webhook-endpoints/{id}');
    expect(Object.keys(deleted.responses).sort()).toEqual(['204', '401', '403', '404', '429', '500', '503']);

    const created = api.properties(api.successBody(api.operation('POST', '/v1/merchant/webhook-endpoints')));
    expect(created.secret).toBeDefined();
    const listed = api.properties(
      api.properties(api.successBody(api.operation('GET', '/v1/merchant/webhook-endpoints'))).items.items,
    );
    expect(listed.secret).toBeUndefined();
    expect(Object.keys(listed).sort()).toEqual([
      'createdAt',
      'description',
      'events',
      'id',
      'status',
      'updatedAt',
      'url',
    ]);

    const deliveries = api.properties(
      api.successBody(api.operation('GET', '/v1/merchant/webhook-endpoints/{id}/deliveries')),
    );
    expect(Object.keys(api.properties(deliveries.items.items)).sort()).toEqual([
      'attempts',
      'createdAt',
      'eventId',
      'id',
      'lastError',
      'lastStatusCode',
      'nextAttemptAt',
      'status',
      'type',
    ]);
    const retried = api.operation('POST', '/v1/merchant/webhook-deliveries/{id}/retry');
    expect(api.successOf(retried).status).toBe('202');
  });
});
