import { freshDatabase, TestDatabase } from '../support/database';
import { OwnCluster, startOwnCluster } from '../support/own-cluster';
import { startTestApp, TestApp } from '../support/test-app';
import { testEnvironment } from '../support/test-env';

const withCluster = testEnvironment().redisClusterNodes !== null ? describe : describe.skip;

/** In cluster mode /health/ready reports the cluster's state, not only that a node answers. */
withCluster('readiness on a Redis Cluster', () => {
  let app: TestApp | undefined;
  let own: OwnCluster | undefined;
  // An app per test (its own cluster); readiness only asks Postgres to answer, so they share one database.
  let database: TestDatabase;

  beforeAll(async () => {
    database = await freshDatabase();
  });
  afterAll(() => database.drop());

  afterEach(async () => {
    await app?.close();
    await own?.stop();
    app = own = undefined;
  });

  it('is ready on the shared cluster, reporting redis up', async () => {
    app = await startTestApp({ redis: 'cluster', database });
    const ready = await app.http.get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.details.redis.status).toBe('up');
  });

  it('is 503 while the cluster says cluster_state:fail (slots uncovered), and ready once it says ok', async () => {
    // One master holding every slot but the last, full coverage required: it answers, and says fail.
    own = await startOwnCluster(1, { formed: false, fullCoverage: true });
    const [port] = own.ports;
    await own.cli(port, 'cluster', 'addslotsrange', '0', '16382');
    app = await startTestApp({
      redis: false,
      database,
      env: { REDIS_CLUSTER_NODES: own.nodes, REDIS_KEY_PREFIX: 'ready:' },
    });
    const failing = await app.http.get('/health/ready');
    expect(failing.status).toBe(503);
    expect(failing.body.error.code).toBe('SERVICE_UNAVAILABLE');
    expect(failing.body.error.details.redis).toEqual({
      status: 'down',
      message: expect.stringContaining('cluster_state:fail'),
    });
    expect(failing.body.error.details.postgres.status).toBe('up');

    await own.cli(port, 'cluster', 'addslots', '16383');
    let ready = await app.http.get('/health/ready');
    for (let tries = 0; ready.status !== 200 && tries < 100; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      ready = await app.http.get('/health/ready');
    }
    expect(ready.status).toBe(200);
    expect(ready.body.details.redis.status).toBe('up');
  });

  it('is 503 when no cluster node answers', async () => {
    app = await startTestApp({
      redis: false,
      database,
      env: { REDIS_CLUSTER_NODES: '127.0.0.1:1', REDIS_KEY_PREFIX: 'ready:' },
    });
    const ready = await app.http.get('/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.error.details.redis.status).toBe('down');
  });
});
