import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { RedisClientType } from 'redis';
import type { LuaScript } from './lua-script';
import { RedisService } from './redis.service';
import { OwedReplies } from './owed-replies';

/** No reply on a connection with commands in flight for this long: it is stalled, and replaced. */
const STALL_MS = 5_000;
const CHECK_EVERY_MS = 1_000;
/** A watchdog tick this long after the last one means the event loop was held in between. */
const LATE_TICK_MS = 3 * CHECK_EVERY_MS;
const CONNECT_WAIT_MS = 3_000;

/** One connection and what it owes. */
interface Line {
  client: RedisClientType;
  owed: OwedReplies;
}

/**
 * The hot paths' own Redis connection (flash-sale purchases, coupon claims, lucky draws). node-redis gives every command a 5 s timeout by default, made of an
 * AbortSignal.timeout (a timer, listeners, a DOMException): measured here, that costs ten times the rest of the
 * client's work on an EVALSHA (1.5 µs of CPU per call without it, 14.8 µs with it, at 64 in flight) and cut the
 * accept path's throughput by half. This connection runs without it; a watchdog checking once a second takes
 * its place: a connection that has owed replies for STALL_MS with none settling (OwedReplies) is destroyed (its
 * callers get an error, answered 503) and replaced. A tick that comes late decides nothing, so while the event
 * loop lags by more than LATE_TICK_MS on every tick, no connection is judged at all.
 */
@Injectable()
export class GateConnection implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(GateConnection.name);
  private line: Line | null = null;
  private watchdog: NodeJS.Timeout | null = null;
  private lastCheckAt = 0;

  constructor(private readonly redis: RedisService) {}

  async onModuleInit(): Promise<void> {
    if (!this.redis.client) return;
    const connecting = this.open();
    this.lastCheckAt = performance.now();
    this.watchdog = setInterval(() => this.check(), CHECK_EVERY_MS);
    this.watchdog.unref();
    await Promise.race([connecting, new Promise((resolve) => setTimeout(resolve, CONNECT_WAIT_MS).unref())]);
  }

  /** Whether the connection is up (a caller with another way to Redis may take it meanwhile). */
  get isOpen(): boolean {
    return this.line?.client.isReady ?? false;
  }

  /** Runs a script on this connection (one EVALSHA, EVAL once after Redis forgot the script). */
  run(script: LuaScript, keys: string[], args: Array<string | number>): Promise<unknown> {
    const line = this.line;
    if (!line) return Promise.reject(new Error('the purchase connection needs REDIS_URL'));
    const reply = script.run(line.client, keys, args);
    line.owed.owe(reply);
    return reply;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.watchdog) clearInterval(this.watchdog);
    const client = this.line?.client;
    this.line = null;
    if (!client?.isOpen) return;
    // Replies still owed are waited for, up to the stall limit: a stalled connection must not hold the exit.
    let timer: NodeJS.Timeout | undefined;
    const closed = await Promise.race([
      client.close().then(() => true),
      new Promise<false>((resolve) => (timer = setTimeout(resolve, STALL_MS, false))),
    ]);
    clearTimeout(timer);
    if (!closed) client.destroy();
  }

  private open(): Promise<unknown> {
    const client = this.redis.client!.duplicate({ commandOptions: { timeout: 0 } }) as RedisClientType;
    client.on('error', (error: Error) => this.logger.warn(`purchase connection: ${error.message}`));
    this.line = { client, owed: new OwedReplies(STALL_MS) };
    return client.connect().catch((error: Error) => this.logger.warn(`purchase connection: ${error.message}`));
  }

  private check(): void {
    const now = performance.now();
    const late = now - this.lastCheckAt > LATE_TICK_MS;
    this.lastCheckAt = now;
    // Timers run before sockets are read: after the event loop was held (a long GC, a frozen VM), replies that
    // arrived meanwhile are still unread, so a late tick cannot tell a stall; the next one can.
    if (late) return;
    const line = this.line;
    if (!line?.owed.stalled()) return;
    // A warning: the service heals itself (the callers in flight get a 503, the next ones a fresh connection).
    this.logger.warn(`purchase connection stalled with ${line.owed.count} commands in flight: replacing it`);
    void this.open();
    line.client.destroy();
  }
}
