import { readFileSync } from 'node:fs';
import type { TestApp } from './test-app';
import { testEnvironment } from './test-env';

/** The service's OpenAPI document (`/docs-json`) and the look-ups its tests share. */
export class OpenApi {
  private constructor(readonly document: any) {}

  static async of(app: TestApp): Promise<OpenApi> {
    const response = await app.http.get('/docs-json');
    expect(response.status).toBe(200);
    return new OpenApi(response.body);
  }

  /**
   * The document a test app served at /docs-json, fetched once per run by global setup: for files that only read
   * the document, so that each does not start an app (and clone a database) of its own for one GET.
   */
  static served(): OpenApi {
    const file = testEnvironment().openApiDocument;
    if (!file) throw new Error('no /docs-json from global setup: run the tests through jest');
    return new OpenApi(JSON.parse(readFileSync(file, 'utf8')));
  }

  /** `paths[path][method]`; undefined when the document does not describe it. */
  operation(method: string, path: string): any {
    return this.document.paths[path]?.[method.toLowerCase()];
  }

  /** A schema by its $ref, also when a description wraps the $ref in a one-part `allOf`. */
  resolve(schema: any): any {
    if (schema?.allOf?.length === 1 && !schema.properties) return this.resolve(schema.allOf[0]);
    return schema?.$ref ? this.document.components.schemas[schema.$ref.replace('#/components/schemas/', '')] : schema;
  }

  /** Every property of a schema, those of the schemas it extends (`allOf`) included. */
  properties(schema: any): Record<string, any> {
    const resolved = this.resolve(schema);
    const inherited = (resolved.allOf ?? []).map((part: any) => this.properties(part));
    return Object.assign({}, ...inherited, resolved.properties ?? {});
  }

  /** The operation's first 2xx response, with its status. */
  successOf(operation: any): any {
    const [status, response] = Object.entries(operation.responses).find(([code]) => Number(code) < 300)! as any;
    return { status, ...this.resolve(response) };
  }

  /** The JSON body schema of the operation's success, resolved. */
  successBody(operation: any): any {
    return this.resolve(this.successOf(operation).content['application/json'].schema);
  }

  /**
   * The route is described: a success with a body, each error status in the contract's envelope with the codes it
   * carries as its description, and exactly the path's parameters.
   */
  expectRoute(method: string, path: string, errors: number[]): void {
    const operation = this.operation(method, path);
    expect({ method, path, described: operation !== undefined }).toEqual({ method, path, described: true });
    expect(Object.keys(this.successOf(operation).content ?? {}).length).toBeGreaterThan(0);
    for (const status of errors) {
      const response = operation.responses[String(status)];
      expect({ status, described: response !== undefined }).toEqual({ status, described: true });
      expect(this.resolve(response.content['application/json'].schema).properties.error).toBeDefined();
      expect(response.description).toMatch(/^[A-Z_]+(, [A-Z_]+)*$/);
    }
    const inPath = (operation.parameters ?? []).filter((p: { in: string }) => p.in === 'path').map((p: any) => p.name);
    expect(inPath).toEqual([...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]));
  }
}
