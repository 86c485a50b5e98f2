import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { RedisClientType } from 'redis';
import { Clock } from '../../../platform/clock/clock';
import { Db } from '../../../platform/database/db';
import { isUniqueViolation } from '../../../platform/database/postgres-errors';
import { JOBS_ENABLED, JobRunner } from '../../../platform/jobs/job-runner';
import { RedisService } from '../../../platform/redis/redis.service';
import { isOpen } from '../domain/sale-status';
import { FlashSalesRepository, toSaleView } from '../flash-sales.repository';
import { PERSIST_GROUP } from '../gate/flash-keys';
import type { SaleView } from '../gate/flash-stock-gate';
import { RedisGateRebuilder } from '../gate/redis-gate-rebuilder';
import { SaleDirectory } from '../sale-directory';
import { AcceptedReservation, ReservationWriter, WriteMode } from './reservation-writer';
import { firstStream, parseStreamEntries, StreamEntry } from './stream-entries';

/** Entries read per call, and so the largest batch written in one transaction. */
const BATCH = 500;
/** How long one blocking read waits for new entries. */
const BLOCK_MS = 50;
/** Entries unacknowledged this long belong to an instance that died (or failed to write them): taken over. */
export const CLAIM_IDLE_MS = 5_000;
/** How often the list of sales to read, the idle entries and the keys of upcoming sales are looked at. */
const REFRESH_MS = 1_000;
/** Sales are read from this long before they open (keys loaded ahead) until this long after they close. */
const AHEAD_MS = 10 * 60 * 1000;
const BEHIND_MS = 60 * 60 * 1000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Persists what the Redis gate accepted. Every instance runs one loop (when its jobs run): a connection of its
 * own for blocking reads, XREADGROUP of up to 500 entries from each open sale's stream in the sale's consumer
 * group, one Postgres transaction per batch (ReservationWriter: reservations + orders, the sale row FOR SHARE
 * so a rebuild waits, stale generations released), and only then XACK, XDEL and the pending entries' HDEL.
 * First deliveries are written with COPY; a batch holding one written before fails and is written again with
 * INSERT ... ON CONFLICT DO NOTHING, as claimed entries are. So a crash between the commit and the
 * acknowledgement leaves entries that are written again as nothing; a crash before the commit leaves entries
 * that another instance claims (XAUTOCLAIM) once they have been idle for CLAIM_IDLE_MS.
 *
 * The `flash-sale.persist` job does the same once, without blocking (tests drive it with JobRunner.runNow).
 */
@Injectable()
export class ReservationConsumer implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ReservationConsumer.name);
  private readonly name = `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  private reader: RedisClientType | null = null;
  private loop: Promise<void> | null = null;
  private stopping = false;
  private sales: SaleView[] = [];
  private refreshedAt = 0;
  private turn = 0;

  constructor(
    private readonly redis: RedisService,
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly jobs: JobRunner,
    private readonly moduleRef: ModuleRef,
    private readonly repository: FlashSalesRepository,
    private readonly directory: SaleDirectory,
    private readonly writer: ReservationWriter,
    private readonly rebuilder: RedisGateRebuilder,
  ) {}

  onModuleInit(): void {
    if (!this.redis.enabled) return;
    this.jobs.register('flash-sale.persist', () => (this.loop ? Promise.resolve(0) : this.drain()));
  }

  onApplicationBootstrap(): void {
    if (!this.redis.client || !this.jobsEnabled()) return;
    this.reader = this.redis.client.duplicate();
    this.reader.on('error', (error: Error) => this.logger.warn(`reservation reader: ${error.message}`));
    this.loop = this.run(this.reader);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.loop;
    if (this.reader?.isOpen) await this.reader.close();
  }

  /**
   * Persists everything queued now, without waiting for more: idle entries of other consumers (idle at least
   * `minIdleMs`), then new ones. Returns how many entries it wrote.
   */
  async drain(minIdleMs = CLAIM_IDLE_MS): Promise<number> {
    const client = this.client();
    let written = 0;
    for (const sale of await this.openSales(true)) {
      await this.ensureLoaded(sale);
      written += await this.claimIdle(client, sale, minIdleMs);
      for (;;) {
        const read = await this.readNew(client, sale, null);
        written += read;
        if (read < BATCH) break;
      }
    }
    return written;
  }

  /**
   * Reads up to one batch of new entries without persisting them, and writes such a batch later: what a consumer
   * that stalls between the two does (tests of the generation rule).
   */
  async readWithoutPersisting(saleId: string): Promise<StreamEntry[]> {
    const sale = await this.directory.find(saleId);
    if (!sale) return [];
    return this.read(this.client(), sale, null);
  }

  async persistLate(saleId: string, entries: StreamEntry[]): Promise<void> {
    const sale = await this.directory.find(saleId);
    if (sale) await this.persist(this.client(), sale, entries, 'first');
  }

  private async run(reader: RedisClientType): Promise<void> {
    // Not awaited: node-redis keeps reconnecting until Redis answers, and a shutdown must not wait for that.
    reader.connect().catch((error: Error) => this.logger.warn(`reservation reader: ${error.message}`));
    while (!this.stopping) {
      if (!reader.isReady) {
        await sleep(250);
        continue;
      }
      try {
        const sales = await this.openSales(false);
        if (sales.length === 0) {
          await sleep(250);
          continue;
        }
        let read = 0;
        const first = this.turn++ % sales.length;
        for (let i = 0; i < sales.length && !this.stopping; i++) {
          const sale = sales[(first + i) % sales.length];
          const last = i === sales.length - 1;
          read += await this.readNew(reader, sale, last && read === 0 ? BLOCK_MS : null);
        }
      } catch (error) {
        this.logger.warn(`persisting flash-sale reservations: ${(error as Error).message}`);
        await sleep(500);
      }
    }
  }

  /**
   * The sales to read, looked up again every REFRESH_MS (or when forced); the loop's lookups also load missing keys
   * and take over idle entries (drain() does both itself).
   */
  private async openSales(force: boolean): Promise<SaleView[]> {
    const now = Date.now();
    if (!force && now - this.refreshedAt < REFRESH_MS) return this.sales;
    this.refreshedAt = now;
    const rows = await this.repository.openAround(this.clock.now(), AHEAD_MS, BEHIND_MS);
    this.sales = rows.map(toSaleView);
    for (const sale of this.sales) this.directory.remember(sale);
    if (!force) await this.maintain(this.sales);
    return this.sales;
  }

  private async maintain(sales: SaleView[]): Promise<void> {
    for (const sale of sales) {
      if (this.stopping) return;
      try {
        await this.ensureLoaded(sale);
        await this.claimIdle(this.client(), sale, CLAIM_IDLE_MS);
      } catch (error) {
        this.logger.warn(`flash sale ${sale.id}: ${(error as Error).message}`);
      }
    }
  }

  /**
   * Keys of a sale that is open or about to open are loaded ahead of the attempts that would find them missing
   * (after a Redis restart, say): while a sale's sold-out flag answers in process, no attempt would.
   */
  private async ensureLoaded(sale: SaleView): Promise<void> {
    const nowMs = this.clock.now().getTime();
    if (!isOpen(sale, nowMs) && nowMs >= sale.startsAtMs) return;
    if (!(await this.rebuilder.loaded(this.rebuilder.keysOf(sale.id)))) await this.rebuilder.ensure(sale);
  }

  private async readNew(client: RedisClientType, sale: SaleView, blockMs: number | null): Promise<number> {
    const entries = await this.read(client, sale, blockMs);
    if (entries.length > 0) await this.persist(client, sale, entries, 'first');
    return entries.length;
  }

  private async read(client: RedisClientType, sale: SaleView, blockMs: number | null): Promise<StreamEntry[]> {
    const stream = this.rebuilder.keysOf(sale.id).stream;
    try {
      const reply = await client.sendCommand<unknown>([
        'XREADGROUP',
        'GROUP',
        PERSIST_GROUP,
        this.name,
        'COUNT',
        String(BATCH),
        ...(blockMs === null ? [] : ['BLOCK', String(blockMs)]),
        'STREAMS',
        stream,
        '>',
      ]);
      return parseStreamEntries(firstStream(reply));
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('NOGROUP')) {
        await this.recreateGroup(client, stream);
        return [];
      }
      throw error;
    }
  }

  /** A stream that exists without its group (deleted and re-created by a purchase): the group is made again. */
  private async recreateGroup(client: RedisClientType, stream: string): Promise<void> {
    if ((await client.exists(stream)) === 0) return;
    try {
      await client.sendCommand(['XGROUP', 'CREATE', stream, PERSIST_GROUP, '0']);
    } catch (error) {
      if (!(error instanceof Error && error.message.startsWith('BUSYGROUP'))) throw error;
    }
  }

  private async claimIdle(client: RedisClientType, sale: SaleView, minIdleMs: number): Promise<number> {
    const stream = this.rebuilder.keysOf(sale.id).stream;
    let written = 0;
    let start = '0-0';
    for (;;) {
      let reply: [string, unknown, unknown];
      try {
        reply = await client.sendCommand<[string, unknown, unknown]>([
          'XAUTOCLAIM',
          stream,
          PERSIST_GROUP,
          this.name,
          String(minIdleMs),
          start,
          'COUNT',
          String(BATCH),
        ]);
      } catch (error) {
        if (error instanceof Error && error.message.startsWith('NOGROUP')) return written;
        throw error;
      }
      const entries = parseStreamEntries(reply[1]);
      if (entries.length > 0) await this.persist(client, sale, entries, 'again');
      written += entries.length;
      start = reply[0];
      if (start === '0-0' || entries.length === 0 || this.stopping) return written;
    }
  }

  /**
   * Writes a batch, then acknowledges it. Entries delivered for the first time go in with COPY (WriteMode `new`);
   * if one of them was written already (by a consumer that stalled past CLAIM_IDLE_MS, say), that transaction
   * fails and the batch is written again idempotently.
   */
  private async persist(
    client: RedisClientType,
    sale: SaleView,
    entries: StreamEntry[],
    delivery: 'first' | 'again',
  ): Promise<void> {
    const reservations = entries.map((entry) => entry.reservation).filter((r): r is AcceptedReservation => r !== null);
    if (reservations.length < entries.length) {
      this.logger.error(
        `flash sale ${sale.id}: ${entries.length - reservations.length} unreadable stream entries dropped`,
      );
    }
    if (reservations.length > 0) {
      let written = false;
      if (delivery === 'first') {
        try {
          await this.write(sale, reservations, 'new');
          written = true;
        } catch (error) {
          if (!isUniqueViolation(error)) {
            this.logger.warn(`flash sale ${sale.id}: writing a batch with COPY failed (${(error as Error).message})`);
          }
        }
      }
      if (!written) await this.write(sale, reservations, 'idempotent');
    }
    const keys = this.rebuilder.keysOf(sale.id);
    const ids = entries.map((entry) => entry.streamId);
    await Promise.all([
      client.sendCommand(['XACK', keys.stream, PERSIST_GROUP, ...ids]),
      client.sendCommand(['XDEL', keys.stream, ...ids]),
      reservations.length > 0
        ? client.hDel(
            keys.pending,
            reservations.map((r) => r.reservationId),
          )
        : Promise.resolve(0),
    ]);
  }

  private write(sale: SaleView, reservations: AcceptedReservation[], mode: WriteMode): Promise<unknown> {
    return this.db.transaction(async () => {
      const locked = await this.repository.lockShared(sale.id);
      if (!locked) throw new Error(`flash sale ${sale.id} not found`);
      return this.writer.write(sale, locked.redisEpoch, reservations, mode);
    });
  }

  private client(): RedisClientType {
    if (!this.redis.client) throw new Error('persisting reservations needs REDIS_URL');
    return this.redis.client;
  }

  private jobsEnabled(): boolean {
    try {
      return this.moduleRef.get<boolean>(JOBS_ENABLED, { strict: false }) === true;
    } catch {
      return false;
    }
  }
}
