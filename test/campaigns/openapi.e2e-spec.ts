import { OpenApi } from '../support/openapi';

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
  let api: OpenApi;

  beforeAll(() => {
    api = OpenApi.served();
  });

  it.each(ROUTES)('%s %s: its success, its errors in the envelope, its parameters', (method, path, errors) =>
    api.expectRoute(method, path, errors),
  );

  it.each(KINDS)(
    '%s: list filters, timeline bucket, status and endedAt on the views, CAMPAIGN_LOCKED on PATCH',
    (kind) => {
      const list = api.document.paths[`/v1/merchant/${kind}`].get;
      expect(list.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['cursor', 'limit', 'q', 'status']);
      const status = list.parameters.find((p: { name: string }) => p.name === 'status');
      expect(status.schema.enum).toEqual(['scheduled', 'active', 'ended']);
      const timeline = api.document.paths[`/v1/merchant/${kind}/{id}/timeline`].get;
      const bucket = timeline.parameters.find((p: { name: string }) => p.name === 'bucket');
      expect({ required: bucket.required, values: bucket.schema.enum }).toEqual({
        required: true,
        values: ['hour', 'day'],
      });
      const timelineBody = api.successBody(timeline);
      const bucketSchema = api.resolve(timelineBody.properties.buckets.items);
      expect(bucketSchema.properties).toEqual(
        expect.objectContaining({
          at: expect.anything(),
          revenueFen: expect.anything(),
          discountFen: expect.anything(),
        }),
      );
      const properties = api.properties(api.successBody(api.operation('GET', `/v1/merchant/${kind}/{id}`)));
      expect(properties.status.enum).toEqual(['scheduled', 'active', 'ended']);
      expect(properties.endedAt.nullable).toBe(true);
      expect(properties.stats).toBeDefined();
      const patch = api.document.paths[`/v1/merchant/${kind}/{id}`].patch;
      expect(patch.responses['409'].description).toContain('CAMPAIGN_LOCKED');
      expect(api.resolve(patch.requestBody.content['application/json'].schema).required ?? []).toEqual([]);
    },
  );
});
