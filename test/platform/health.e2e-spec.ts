import { freshDatabase, TestDatabase } from '../support/database';
import { startTestApp, TestApp } from '../support/test-app';
import { testEnvironment } from '../support/test-env';

describe('health', () => {
  let app: TestApp;
  // An app per test (its own Redis settings); readiness only asks Postgres to answer, so they share one database.
  let database: TestDatabase;

  beforeAll(async () => {
    database = await freshDatabase();
  });
  afterEach(() => app?.close());
  afterAll(() => database.drop());

  it('is live, and ready when Postgres and Redis answer, reporting both', async () => {
    app = await startTestApp({ database });
    expect((await app.http.get('/health/live')).body).toEqual({ status: 'ok' });
    const ready = await app.http.get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.details.postgres.status).toBe('up');
    if (testEnvironment().redisUrl) expect(ready.body.details.redis.status).toBe('up');
  });

  it('reports only Postgres when no REDIS_URL is set', async () => {
    app = await startTestApp({ redis: false, database });
    const ready = await app.http.get('/health/ready');
    expect(ready.status).toBe(200);
    expect(Object.keys(ready.body.details)).toEqual(['postgres']);
  });

  it('is not ready (503) while Redis does not answer', async () => {
    app = await startTestApp({ redis: false, database, env: { REDIS_URL: 'redis://127.0.0.1:1' } });
    const ready = await app.http.get('/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.error.code).toBe('SERVICE_UNAVAILABLE');
    expect(ready.body.error.details.redis.status).toBe('down');
    expect(ready.body.error.details.postgres.status).toBe('up');
  });
});
