import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { RedisClientType } from 'redis';
import type { LuaScript } from './lua-script';
import { RedisClient, sendKeyed } from './redis-client';
import { RedisService } from './redis.service';
import { OwedReplies } from './owed-replies';

/** No reply on a connection with commands in flight for this long: it is stalled, and replaced. */
const STALL_MS = 5_000;
const CHECK_EVERY_MS = 1_000;
/** A watchdog tick this long after the last one means the event loop was held in between. */
const LATE_TICK_MS = 3 * CHECK_EVERY_MS;
const CONNECT_WAIT_MS = 3_000;
/** Per-command timeout off: the watchdog stands in for it. */
const NO_TIMEOUT = { timeout: 0 };

/** One connection (to the one Redis, or to one master of a cluster) and what it owes. */
interface Line {
  client: RedisClientType;
  owed: OwedReplies;
  /** Until its first connection settles: calls wait for it instead of failing on a line still connecting. */
  opening: Promise<unknown> | null;
  /** Its last connection attempt failed (cleared once it is ready again). */
  failing: boolean;
}

/**
 * The hot paths' own Redis connections (flash-sale purchases, coupon claims, lucky draws). node-redis gives every
 * command a 5 s timeout by default, made of an AbortSignal.timeout (a timer, listeners, a DOMException): measured
 * here, that costs ten times the rest of the client's work on an EVALSHA (1.5 µs of CPU per call without it, 14.8 µs with it, at 64 in flight) and cut the
 * accept path's throughput by half. These connections run without it; a watchdog checking once a second takes
 * its place: a connection that has owed replies for STALL_MS with none settling (OwedReplies) is destroyed (its
 * callers get an error, answered 503) and replaced. A tick that comes late decides nothing, so while the event
 * loop lags by more than LATE_TICK_MS on every tick, no connection is judged at all.
 *
 * On a Redis Cluster there is one such connection per master, and each call goes to the master owning its first
 * key's slot (the shared cluster client's slot map): the cluster client's own routing would bring the timeout's
 * cost back, and one connection per master lets the watchdog judge each master apart, so a master that stalls or
 * dies fails only the sales on its slots. A MOVED reply (slots moved since the map was read) is retried once
 * through the shared client, which follows it and refreshes the map the next calls route by.
 */
@Injectable()
export class GateConnection implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(GateConnection.name);
  private readonly lines = new Map<string, Line>();
  private watchdog: NodeJS.Timeout | null = null;
  private lastCheckAt = 0;
  private closed = false;

  constructor(private readonly redis: RedisService) {}

  async onModuleInit(): Promise<void> {
    if (!this.redis.client) return;
    // Open ahead: to the one Redis, or to each master the cluster client knows by now.
    const openings = this.redis.addresses().map((address) => this.lineAt(address)?.opening);
    this.lastCheckAt = performance.now();
    this.watchdog = setInterval(() => this.check(), CHECK_EVERY_MS);
    this.watchdog.unref();
    await Promise.race([Promise.all(openings), new Promise((resolve) => setTimeout(resolve, CONNECT_WAIT_MS).unref())]);
  }

  /** Whether every connection (one per master on a cluster) can take commands now (metrics). */
  get ready(): boolean {
    const lines = [...this.lines.values()];
    return lines.length > 0 && lines.every((line) => line.client.isReady);
  }

  /** Runs a script on the connection owning its first key (one EVALSHA, EVAL once after Redis forgot it). */
  run(script: LuaScript, keys: string[], args: Array<string | number>): Promise<unknown> {
    return this.call(keys[0], (client) => script.run(client, keys, args));
  }

  /**
   * A raw command on the connection owning `key` (a hot path's stream: deleting what was committed). It goes out
   * in the same write as the scripts queued with it, where another connection would take writes of its own.
   */
  send(key: string, args: string[]): Promise<unknown> {
    return this.call(key, (client) => sendKeyed(client, key, args));
  }

  private call(key: string, work: (client: RedisClient) => Promise<unknown>): Promise<unknown> {
    const line = this.lineFor(key);
    if (!line) return Promise.reject(new Error(`no Redis master serves the slot of ${key} now`));
    // Its last attempt to connect failed: fail now (503) rather than queue the call until the watchdog gives up.
    if (line.failing && !line.client.isReady) return Promise.reject(new Error('the Redis connection is down'));
    const reply = line.opening ? line.opening.then(() => work(line.client)) : work(line.client);
    line.owed.owe(reply);
    return this.redis.cluster ? reply.catch((error: Error) => this.followMoved(error, work)) : reply;
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    if (this.watchdog) clearInterval(this.watchdog);
    const clients = [...this.lines.values()].map((line) => line.client);
    this.lines.clear();
    await Promise.all(clients.map((client) => this.close(client)));
  }

  /** Replies still owed are waited for, up to the stall limit: a stalled connection must not hold the exit. */
  private async close(client: RedisClientType): Promise<void> {
    if (!client.isOpen) return;
    let timer: NodeJS.Timeout | undefined;
    const closed = await Promise.race([
      client.close().then(() => true),
      new Promise<false>((resolve) => (timer = setTimeout(resolve, STALL_MS, false))),
    ]);
    clearTimeout(timer);
    if (!closed) client.destroy();
  }

  private followMoved(error: Error, work: (client: RedisClient) => Promise<unknown>): unknown {
    if (!error.message.startsWith('MOVED') || !this.redis.client) throw error;
    return work(this.redis.client);
  }

  private lineFor(key: string | undefined): Line | null {
    const address = this.redis.addressOf(key ?? '');
    return address === null ? null : this.lineAt(address);
  }

  private lineAt(address: string): Line | null {
    if (this.closed) return null;
    const existing = this.lines.get(address);
    if (existing) return existing;
    const client = this.redis.connectionTo(address, NO_TIMEOUT);
    const name = this.nameOf(address);
    const line: Line = { client, owed: new OwedReplies(STALL_MS), opening: null, failing: false };
    client.on('error', (error: Error) => {
      line.failing = true;
      this.logger.warn(`${name}: ${error.message}`);
    });
    client.on('ready', () => (line.failing = false));
    line.opening = client
      .connect()
      .catch((error: Error) => this.logger.warn(`${name}: ${error.message}`))
      .finally(() => (line.opening = null));
    this.lines.set(address, line);
    return line;
  }

  private nameOf(address: string): string {
    return address === 'single' ? 'purchase connection' : `purchase connection to ${address}`;
  }

  private check(): void {
    const now = performance.now();
    const late = now - this.lastCheckAt > LATE_TICK_MS;
    this.lastCheckAt = now;
    // Timers run before sockets are read: after the event loop was held (a long GC, a frozen VM), replies that
    // arrived meanwhile are still unread, so a late tick cannot tell a stall; the next one can.
    if (late) return;
    const current = new Set(this.redis.addresses());
    for (const [address, line] of this.lines) {
      // A master no longer in the cluster's map (failed over, removed): its connection is dropped once idle.
      if (current.size > 0 && !current.has(address) && line.owed.count === 0) {
        this.lines.delete(address);
        line.client.destroy();
        continue;
      }
      if (!line.owed.stalled()) continue;
      // A warning: the service heals itself (the callers in flight get a 503, the next ones a fresh connection).
      this.logger.warn(`${this.nameOf(address)} stalled with ${line.owed.count} commands in flight: replacing it`);
      this.lines.delete(address);
      line.client.destroy();
    }
  }
}
