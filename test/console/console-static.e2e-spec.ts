import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, TestApp } from '../support/test-app';

/** A GET of the path exactly as written (fetch would resolve `..` segments before sending). */
function rawGet(
  url: string,
  path: string,
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    request({ host: target.hostname, port: target.port, path, method: 'GET' }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body }));
    })
      .on('error', reject)
      .end();
  });
}

const errorOf = async (response: Response) =>
  ((await response.json()) as { error: { code: string; message: string } }).error;

describe('the console under /console, over HTTP', () => {
  const INDEX = '<!doctype html><title>console fixture</title>';
  let dir: string;
  let app: TestApp;

  beforeAll(async () => {
    // A build of the console's shape (Vite's index.html, hashed assets/), not the real build: this tests the serving.
    dir = mkdtempSync(join(tmpdir(), 'engage-console-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), INDEX);
    writeFileSync(join(dir, 'assets', 'index-Ab12Cd34.js'), 'console.log("console");');
    writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    writeFileSync(join(dir, '.secret'), 'not served');
    app = await startTestApp({ env: { CONSOLE_DIR: dir } });
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const get = (path: string) => fetch(`${app.url}${path}`);

  it.each(['/console', '/console/'])('serves index.html at %s, revalidated on every load', async (path) => {
    const response = await get(path);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.text()).toBe(INDEX);
  });

  it('serves hashed assets as immutable for a year', async () => {
    const response = await get('/console/assets/index-Ab12Cd34.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/javascript/);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await response.text()).toBe('console.log("console");');
  });

  it('serves other files of the build revalidated', async () => {
    const response = await get('/console/favicon.svg');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(response.headers.get('cache-control')).toBe('no-cache');
  });

  it.each(['/console/orders', '/console/flash-sales/0b9f/edit', '/console/sign-in?next=%2Forders'])(
    'answers the single-page route %s with index.html',
    async (path) => {
      const response = await get(path);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(await response.text()).toBe(INDEX);
    },
  );

  it('answers a missing asset 404 in the envelope, not with index.html', async () => {
    const response = await get('/console/assets/index-Gone0000.js');
    expect(response.status).toBe(404);
    expect((await errorOf(response)).code).toBe('NOT_FOUND');
  });

  it.each(['/console/%2e%2e/package.json', '/console/..%2f..%2fpackage.json', '/console/.secret'])(
    'serves nothing outside the build, nor a dotfile: %s',
    async (path) => {
      const response = await rawGet(app.url, path);
      // Not a file of the build: the single-page app's index.html, like any unknown path.
      expect({ status: response.status, body: response.body }).toEqual({ status: 200, body: INDEX });
    },
  );

  it('leaves other paths to the API: its 404 envelope, the purchase front door, no OpenAPI operation', async () => {
    for (const path of ['/consoles', '/nope', '/v1/nope']) {
      const response = await get(path);
      expect(response.status).toBe(404);
      expect((await errorOf(response)).code).toBe('NOT_FOUND');
    }
    const post = await fetch(`${app.url}/console`, { method: 'POST' });
    expect(post.status).toBe(404);
    expect((await errorOf(post)).code).toBe('NOT_FOUND');

    const purchase = await fetch(`${app.url}/v1/flash-sales/anything/purchase`, { method: 'POST' });
    expect(purchase.status).toBe(401);
    expect((await errorOf(purchase)).code).toBe('UNAUTHENTICATED');

    const document = (await (await get('/docs-json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths).filter((path) => path.startsWith('/console'))).toEqual([]);
  });

  it('answers 503 SERVICE_UNAVAILABLE while the console is not built, and serves it once it is', async () => {
    const moved = `${dir}-moved`;
    renameSync(dir, moved);
    try {
      for (const path of ['/console', '/console/', '/console/orders']) {
        const response = await get(path);
        expect(response.status).toBe(503);
        const error = await errorOf(response);
        expect(error.code).toBe('SERVICE_UNAVAILABLE');
        expect(error.message).toMatch(/npm run build/);
      }
    } finally {
      renameSync(moved, dir);
    }
    expect((await get('/console')).status).toBe(200);
  });
});
