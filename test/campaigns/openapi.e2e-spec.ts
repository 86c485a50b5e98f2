import { startTestApp, TestApp } from '../support/test-app';

const KINDS = ['coupon-templates', 'flash-sales', 'group-buys', 'lucky-draws', 'rebate-rules'];

/** The campaign-operations routes of each kind, with the error statuses each must document. */
const ROUTES: Array<[method: string, path: string, errors: number[]]> = KINDS.flatMap((kind) => [
  ['GET', `/v1/merchant/${kind}`, [400, 401, 403]],
  ['GET', `/v1/merchant/${kind}/{id}`, [401, 403, 404]],
  ['PATCH', `/v1/merchant/${kind}/{id}`, [400, 401, 403, 404, 409]],
  ['POST', `/v1/merchant/${kind}/{id}/end`, [401, 403, 404, 409]],
  ['GET', `/v1/merchant/${kind}/{id}/timeline`, [400, 401, 403, 404]],
]);

describe('OpenAPI for the campaign-operations routes', () => {
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

  it.each(ROUTES)('%s %s: its success, its errors in the envelope, its parameters', (method, path, errors) => {
    const operation = document.paths[path]?.[method.toLowerCase()];
    expect(operation).toBeDefined();
    const success = successOf(operation);
    expect(success.content['application/json'].schema).toBeDefined();
    for (const status of errors) {
      const response = operation.responses[String(status)];
      expect({ status, described: response !== undefined }).toEqual({ status, described: true });
      expect(resolve(response.content['application/json'].schema).properties.error).toBeDefined();
      expect(response.description).toMatch(/^[A-Z_]+(, [A-Z_]+)*$/);
    }
    const inPath = (operation.parameters ?? []).filter((p: { in: string }) => p.in === 'path').map((p: any) => p.name);
    expect(inPath).toEqual([...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]));
  });

  it.each(KINDS)(
    '%s: list filters, timeline bucket, status and endedAt on the views, CAMPAIGN_LOCKED on PATCH',
    (kind) => {
      const list = document.paths[`/v1/merchant/${kind}`].get;
      expect(list.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['cursor', 'limit', 'q', 'status']);
      const status = list.parameters.find((p: { name: string }) => p.name === 'status');
      expect(status.schema.enum).toEqual(['scheduled', 'active', 'ended']);
      const timeline = document.paths[`/v1/merchant/${kind}/{id}/timeline`].get;
      const bucket = timeline.parameters.find((p: { name: string }) => p.name === 'bucket');
      expect({ required: bucket.required, values: bucket.schema.enum }).toEqual({
        required: true,
        values: ['hour', 'day'],
      });
      const timelineBody = resolve(successOf(timeline).content['application/json'].schema);
      const bucketSchema = resolve(timelineBody.properties.buckets.items);
      expect(bucketSchema.properties).toEqual(
        expect.objectContaining({
          at: expect.anything(),
          revenueFen: expect.anything(),
          discountFen: expect.anything(),
        }),
      );
      const view = resolve(
        successOf(document.paths[`/v1/merchant/${kind}/{id}`].get).content['application/json'].schema,
      );
      const properties = {
        ...view.properties,
        ...(view.allOf ?? []).reduce((all: any, part: any) => ({ ...all, ...resolve(part).properties }), {}),
      };
      expect(properties.status.enum).toEqual(['scheduled', 'active', 'ended']);
      expect(properties.endedAt.nullable).toBe(true);
      expect(properties.stats).toBeDefined();
      const patch = document.paths[`/v1/merchant/${kind}/{id}`].patch;
      expect(patch.responses['409'].description).toContain('CAMPAIGN_LOCKED');
      expect(resolve(patch.requestBody.content['application/json'].schema).required ?? []).toEqual([]);
    },
  );
});
