import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_STATUS } from '../../src/platform/errors/error-codes';
import { compareRoutes, documentedErrorCodes, documentedRoutes } from '../support/api-reference';
import { OpenApi } from '../support/openapi';

const REFERENCE = readFileSync(join(__dirname, '../../docs/api.md'), 'utf8');

describe('docs/api.md, the HTTP reference, against what the service serves', () => {
  let api: OpenApi;

  beforeAll(() => {
    api = OpenApi.served();
  });

  it('lists every operation of /docs-json, and nothing else', () => {
    expect(compareRoutes(REFERENCE, api.document)).toEqual({ undocumented: [], unserved: [] });
  });

  it('names each route once', () => {
    const routes = documentedRoutes(REFERENCE);
    expect(routes.filter((route, index) => routes.indexOf(route) !== index)).toEqual([]);
  });

  it('fails when a route is added without docs, or docs name a route that does not exist', () => {
    const added = structuredClone(api.document);
    added.paths['/v1/orders/{id}/reorder'] = { post: { responses: { 201: { description: 'Created' } } } };
    added.paths['/v1/orders'].delete = { responses: { 204: { description: 'Gone' } } };
    expect(compareRoutes(REFERENCE, added)).toEqual({
      undocumented: ['DELETE /v1/orders', 'POST /v1/orders/{id}/reorder'],
      unserved: [],
    });

    const removed = structuredClone(api.document);
    delete removed.paths['/v1/orders/{id}/cancel'];
    expect(compareRoutes(REFERENCE, removed)).toEqual({ undocumented: [], unserved: ['POST /v1/orders/{id}/cancel'] });
  });

  it('has every error code with its status in the code table (a code added to error-codes.ts needs a line)', () => {
    expect(documentedErrorCodes(REFERENCE)).toEqual(ERROR_STATUS);
  });
});
