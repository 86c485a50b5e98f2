import { randomUUID } from 'node:crypto';
import { RestockSignal } from '../../src/modules/flash-sale/gate/restock-signal';
import { SaleDirectory, SOLD_OUT_RECHECK_MS } from '../../src/modules/flash-sale/sale-directory';
import { eventually } from '../flash-sale/flash-fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { testEnvironment } from '../support/test-env';

const withCluster = testEnvironment().redisClusterNodes !== null ? describe : describe.skip;

/**
 * The restock announcement is classic pub/sub: on a Redis Cluster a PUBLISH on one node reaches subscribers on
 * every node over the cluster bus. Two instances, each subscribed on a node of its client's choosing.
 */
withCluster('restock announcements across instances on a Redis Cluster', () => {
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    a = await startTestApp({ redis: 'cluster' });
    b = await startTestApp({ redis: 'cluster', database: a.db, redisKeyPrefix: a.redisKeyPrefix! });
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  it("each instance drops its sold-out flag when the other announces units back, and only that sale's", async () => {
    for (const [from, to] of [
      [a, b],
      [b, a],
    ]) {
      const [restocked, other] = [randomUUID(), randomUUID()];
      const directory = to.app.get(SaleDirectory);
      directory.markSoldOut(other);
      // The subscription is made once the subscriber connects: announce until it is heard. Each round flags the
      // sale afresh and looks for less than SOLD_OUT_RECHECK_MS, so a flag let through for its recheck is not
      // taken for one cleared.
      let heard = false;
      for (let round = 0; round < 10 && !heard; round++) {
        directory.markSoldOut(restocked);
        const flaggedAt = Date.now();
        await from.app.get(RestockSignal).announce(restocked);
        await eventually(
          async () => !directory.isSoldOut(restocked),
          (cleared) => cleared,
          SOLD_OUT_RECHECK_MS / 2,
        );
        heard = Date.now() - flaggedAt < SOLD_OUT_RECHECK_MS && !directory.isSoldOut(restocked);
      }
      expect(heard).toBe(true);
      expect(directory.isSoldOut(other)).toBe(true);
    }
  });
});
