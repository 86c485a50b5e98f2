import { startTestApp, TestApp } from '../support/test-app';

/** What only flash sales have; every kind's routes, errors and parameters are checked in openapi.e2e-spec.ts. */
describe('OpenAPI for the flash-sale campaign-operations routes', () => {
  let app: TestApp;
  let document: any;

  beforeAll(async () => {
    app = await startTestApp();
    document = (await app.http.get('/docs-json')).body;
  });
  afterAll(() => app.close());

  const resolve = (schema: any) =>
    schema?.$ref ? document.components.schemas[schema.$ref.replace('#/components/schemas/', '')] : schema;
  const successOf = (operation: any) =>
    resolve(Object.entries(operation.responses).find(([status]) => Number(status) < 300)![1] as any);
  const propertiesOf = (schema: any) => ({
    ...schema.properties,
    ...(schema.allOf ?? []).reduce((all: any, part: any) => ({ ...all, ...resolve(part).properties }), {}),
  });

  it("the merchant view carries the shoppers' saleStatus beside the campaign status", () => {
    const view = propertiesOf(
      resolve(successOf(document.paths['/v1/merchant/flash-sales/{id}'].get).content['application/json'].schema),
    );
    expect(view.status.enum).toEqual(['scheduled', 'active', 'ended']);
    expect(view.saleStatus.enum).toEqual(['upcoming', 'active', 'sold_out', 'ended']);
  });

  it('PATCH takes the creation fields, none required, and documents both stock refusals; the timeline its counters', () => {
    const patch = document.paths['/v1/merchant/flash-sales/{id}'].patch;
    const body = resolve(patch.requestBody.content['application/json'].schema);
    expect(Object.keys(propertiesOf(body)).sort()).toEqual([
      'endsAt',
      'paymentWindowSeconds',
      'perUserLimit',
      'priceFen',
      'productId',
      'startsAt',
      'totalStock',
    ]);
    expect(body.required ?? []).toEqual([]);
    expect(patch.responses['409'].description).toBe('CAMPAIGN_LOCKED, CAMPAIGN_STOCK_BELOW_TAKEN');
    const timeline = document.paths['/v1/merchant/flash-sales/{id}/timeline'].get;
    const buckets = resolve(successOf(timeline).content['application/json'].schema).properties.buckets;
    expect(Object.keys(resolve(buckets.items).properties).sort()).toEqual([
      'at',
      'discountFen',
      'paid',
      'purchases',
      'revenueFen',
    ]);
  });
});
