import { startTestApp, TestApp } from '../support/test-app';

/** The flash-sale campaign-operations routes built so far, with the error statuses each must document. */
const ROUTES: Array<[method: string, path: string, errors: number[]]> = [
  ['GET', '/v1/merchant/flash-sales', [400, 401, 403]],
  ['GET', '/v1/merchant/flash-sales/{id}', [401, 403, 404]],
  ['POST', '/v1/merchant/flash-sales/{id}/end', [401, 403, 404, 409]],
];

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

  it.each(ROUTES)('%s %s: its success, its errors in the envelope, its parameters', (method, path, errors) => {
    const operation = document.paths[path]?.[method.toLowerCase()];
    expect(operation).toBeDefined();
    expect(successOf(operation).content['application/json'].schema).toBeDefined();
    for (const status of errors) {
      const response = operation.responses[String(status)];
      expect({ status, described: response !== undefined }).toEqual({ status, described: true });
      expect(resolve(response.content['application/json'].schema).properties.error).toBeDefined();
      expect(response.description).toMatch(/^[A-Z_]+(, [A-Z_]+)*$/);
    }
    const inPath = (operation.parameters ?? []).filter((p: { in: string }) => p.in === 'path').map((p: any) => p.name);
    expect(inPath).toEqual([...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]));
  });

  it('list filters; status, endedAt, saleStatus and stats on the merchant view', () => {
    const list = document.paths['/v1/merchant/flash-sales'].get;
    expect(list.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['cursor', 'limit', 'q', 'status']);
    expect(list.parameters.find((p: { name: string }) => p.name === 'status').schema.enum).toEqual([
      'scheduled',
      'active',
      'ended',
    ]);
    const page = resolve(successOf(list).content['application/json'].schema);
    expect(page.properties.nextCursor.nullable).toBe(true);
    const view = propertiesOf(
      resolve(successOf(document.paths['/v1/merchant/flash-sales/{id}'].get).content['application/json'].schema),
    );
    expect(view.status.enum).toEqual(['scheduled', 'active', 'ended']);
    expect(view.saleStatus.enum).toEqual(['upcoming', 'active', 'sold_out', 'ended']);
    expect(view.endedAt.nullable).toBe(true);
    expect(view.stats).toBeDefined();
  });
});
