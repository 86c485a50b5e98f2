import { Logger } from '@nestjs/common';
import { AddressInfo, createServer, Server, Socket } from 'node:net';
import { GateConnection } from '../../src/platform/redis/gate-connection';
import { OwedReplies } from '../../src/platform/redis/owed-replies';
import { RedisService } from '../../src/platform/redis/redis.service';
import { LuaScript } from '../../src/platform/redis/lua-script';
import type { Runtime } from '../../src/platform/runtime/runtime';
import { testEnvironment } from '../support/test-env';

const withRedis = testEnvironment().redisUrl !== null ? describe : describe.skip;

const ONE = new LuaScript('return 1');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Holds the event loop from the check phase, so the next thing to run is the timers phase (the watchdog). */
const holdLoop = (ms: number) =>
  new Promise<void>((resolve) =>
    setImmediate(() => {
      const until = performance.now() + ms;
      while (performance.now() < until);
      resolve();
    }),
  );

/** A TCP relay in front of the real Redis that can stop passing replies on the connections open now. */
class Relay {
  connections = 0;
  private readonly held = new WeakSet<Socket>();
  private readonly sockets = new Set<Socket>();
  private server!: Server;

  async start(target: URL): Promise<string> {
    this.server = createServer((client) => {
      this.connections++;
      const redis = new Socket().connect(Number(target.port || 6379), target.hostname);
      for (const socket of [client, redis]) {
        this.sockets.add(socket);
        socket.on('error', () => undefined);
        socket.on('close', () => (client.destroy(), redis.destroy()));
      }
      client.pipe(redis);
      redis.on('data', (chunk) => {
        if (!this.held.has(client)) client.write(chunk);
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `redis://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** From now on the connections open now get no replies (later ones do), as if Redis stalled on them. */
  holdOpenConnections(): void {
    for (const socket of this.sockets) this.held.add(socket);
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

/** The purchase connection's watchdog, on a real Redis: it replaces a stalled connection and nothing else. */
withRedis('the purchase connection', () => {
  let relay: Relay;
  let redis: RedisService;
  let connection: GateConnection;

  beforeEach(async () => {
    relay = new Relay();
    const url = await relay.start(new URL(testEnvironment().redisUrl!));
    redis = new RedisService({ config: { redisUrl: url, redisKeyPrefix: 'gate-connection:' } } as Runtime);
    await redis.onModuleInit();
    connection = new GateConnection(redis);
    await connection.onModuleInit();
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await connection.onApplicationShutdown();
    await redis.onApplicationShutdown();
    await relay.stop();
  });

  const burst = (size: number) => Promise.allSettled(Array.from({ length: size }, () => connection.run(ONE, [], [])));

  it('a burst after a quiet spell, its replies read late, is not taken for a stall (the CI failure)', async () => {
    // Records what the watchdog saw owed at each tick that judged (late ticks do not).
    const judged: number[] = [];
    const stalled = OwedReplies.prototype.stalled;
    jest.spyOn(OwedReplies.prototype, 'stalled').mockImplementation(function (this: OwedReplies) {
      judged.push(this.count);
      return stalled.call(this);
    });
    expect(await connection.run(ONE, [], [])).toBe(1);
    await sleep(5_500); // quiet for longer than the stall limit
    const ticks = judged.length;
    while (judged.length === ticks) await sleep(5); // just after a tick, so the next comes due in the hold, on time
    const judgedBefore = judged.length;
    const replies = burst(50);
    // The tick comes due while this process (the relay too) is held: it runs before any reply can be read.
    await holdLoop(1_100);
    expect((await replies).map((reply) => reply.status)).toEqual(Array(50).fill('fulfilled'));
    expect(judged[judgedBefore]).toBe(50); // that tick judged the whole burst owed...
    expect(relay.connections).toBe(2); // ...and did not replace the connection
  }, 20_000);

  it('a loop held past the stall limit does not take its own lateness for a stall', async () => {
    const replies = burst(10);
    await holdLoop(5_500);
    expect((await replies).map((reply) => reply.status)).toEqual(Array(10).fill('fulfilled'));
    await sleep(1_100); // and the next, punctual tick sees replies settled
    expect(await connection.run(ONE, [], [])).toBe(1);
    expect(relay.connections).toBe(2);
  }, 20_000);

  it('a connection that stops answering is replaced, and what was in flight is failed, not left hanging', async () => {
    // The replacement is announced as a warning (kept here, not printed): the service heals itself.
    const warnings: string[] = [];
    jest.spyOn(Logger.prototype, 'warn').mockImplementation((message: unknown) => void warnings.push(String(message)));
    const errors: string[] = [];
    jest.spyOn(Logger.prototype, 'error').mockImplementation((message: unknown) => void errors.push(String(message)));
    expect(await connection.run(ONE, [], [])).toBe(1);
    relay.holdOpenConnections();
    const startedAt = Date.now();
    const stalled = await burst(5);
    expect(stalled.map((reply) => reply.status)).toEqual(Array(5).fill('rejected'));
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(5_000);
    // The replacement connects through the relay afresh and answers.
    let answer: unknown = null;
    for (let tries = 0; tries < 50 && answer === null; tries++) {
      answer = await connection.run(ONE, [], []).catch(() => null);
      if (answer === null) await sleep(100);
    }
    expect(answer).toBe(1);
    expect(relay.connections).toBe(3);
    expect(warnings.filter((line) => line.includes('stalled'))).toEqual([
      'purchase connection stalled with 5 commands in flight: replacing it',
    ]);
    expect(errors).toEqual([]);
  }, 20_000);

  it('shutting down waits for replies owed, but not past the stall limit', async () => {
    const answered = connection.run(ONE, [], []);
    await connection.onApplicationShutdown();
    expect(await answered).toBe(1);

    connection = new GateConnection(redis);
    await connection.onModuleInit();
    expect(await connection.run(ONE, [], [])).toBe(1);
    relay.holdOpenConnections();
    const owed = connection.run(ONE, [], []).then(
      () => 'answered',
      () => 'failed',
    );
    const startedAt = Date.now();
    await connection.onApplicationShutdown();
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(4_900);
    expect(await owed).toBe('failed');
  }, 20_000);
});
