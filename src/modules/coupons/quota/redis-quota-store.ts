import { Injectable, Logger } from '@nestjs/common';
import { keyedMulti, type RedisClient } from '../../../platform/redis/redis-client';
import { RebuildOnce } from '../../../platform/redis/rebuild-once';
import { Clock } from '../../../platform/clock/clock';
import { DomainError } from '../../../platform/errors/domain-error';
import { RedisService } from '../../../platform/redis/redis.service';
import { couponLimitReached, couponSoldOut } from '../coupons.errors';
import { PostgresQuotaStore } from './postgres-quota-store';
import { GIVE_BACK, HEAL, TAKE } from './quota-scripts';
import { QuotaRequest, QuotaStore } from './quota-store';

type GateOutcome = 'taken' | 'sold_out' | 'limit_reached' | 'missing';

/** How long one instance may take to rebuild a template's keys before another may try. */
const REBUILD_LOCK_MS = 10_000;
/** How long an instance waits for another's rebuild before going to the record directly. */
const REBUILD_WAIT_MS = 2_000;
const HSET_CHUNK = 1000;
/** Gate refusals are checked against the record at most this often per template (and per shopper). */
const VERIFY_EVERY_MS = 1_000;
/** Keys outlive the claim window by this much. */
const KEEP_AFTER_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * The Redis adapter: one Lua script per attempt refuses sold-out and over-limit attempts without touching
 * Postgres; what it lets through is then taken again, exactly, by the Postgres record (in the transaction of the
 * coupon row). Redis holds nothing that cannot be rebuilt: when the keys are gone (flush, restart, expiry) one
 * instance rebuilds them from the record (RebuildOnce) and every instance retries.
 *
 * The gate may drift from the record; it is never trusted with the final word. If the record refuses what the
 * gate let through, the gate keeps the unit that was refused (its count was behind) and gets back the other. If
 * the gate refuses, the refusal is checked against the record at most once a second, and the gate's counts are
 * lowered to the record's when they are higher (a unit taken by a request that died before its commit).
 */
@Injectable()
export class RedisQuotaStore extends QuotaStore {
  private readonly logger = new Logger(RedisQuotaStore.name);
  private readonly verifiedAt = new Map<string, number>();
  private readonly once = new RebuildOnce(() => this.client(), REBUILD_LOCK_MS, REBUILD_WAIT_MS);

  constructor(
    private readonly redis: RedisService,
    private readonly record: PostgresQuotaStore,
    private readonly clock: Clock,
  ) {
    super();
  }

  async take<T>(request: QuotaRequest, work: () => Promise<T>): Promise<T> {
    let gate: GateOutcome | 'unavailable';
    try {
      gate = await this.gate(request);
    } catch (error) {
      // Redis is down or slow: the record alone still decides exactly, only slower.
      this.logger.warn(`coupon gate unavailable, using the record: ${(error as Error).message}`);
      gate = 'unavailable';
    }
    if (gate === 'sold_out') throw couponSoldOut();
    if (gate === 'limit_reached') throw couponLimitReached(request.perUserLimit);
    if (gate !== 'taken') return this.record.take(request, work);
    try {
      return await this.record.take(request, work);
    } catch (error) {
      const code = error instanceof DomainError ? error.code : null;
      await this.giveBack(request, { stock: code !== 'COUPON_SOLD_OUT', holder: code !== 'COUPON_LIMIT_REACHED' });
      throw error;
    }
  }

  /** The gate's own counts (tests, diagnostics); null when not loaded. */
  async peek(templateId: string, shopperId: string): Promise<{ issued: number; held: number } | null> {
    const client = this.client();
    const keys = this.keys(templateId);
    const [issued, held] = await Promise.all([client.get(keys.issued), client.hGet(keys.holders, shopperId)]);
    return issued === null ? null : { issued: Number(issued), held: Number(held ?? 0) };
  }

  private async gate(request: QuotaRequest): Promise<GateOutcome | 'unavailable'> {
    let outcome = await this.runTake(request);
    if (outcome === 'missing') {
      if (!(await this.rebuild(request))) return 'unavailable';
      outcome = await this.runTake(request);
    }
    if ((outcome === 'sold_out' || outcome === 'limit_reached') && (await this.heal(request, outcome))) {
      outcome = await this.runTake(request);
    }
    return outcome === 'missing' ? 'unavailable' : outcome;
  }

  private async runTake(request: QuotaRequest): Promise<GateOutcome> {
    const keys = this.keys(request.templateId);
    return (await TAKE.run(
      this.client(),
      [keys.issued, keys.holders],
      [request.shopperId, request.units, request.totalQuantity, request.perUserLimit, this.ttlMs(request)],
    )) as GateOutcome;
  }

  private async giveBack(request: QuotaRequest, units: { stock: boolean; holder: boolean }): Promise<void> {
    const keys = this.keys(request.templateId);
    try {
      await GIVE_BACK.run(
        this.client(),
        [keys.issued, keys.holders],
        [request.shopperId, request.units, units.stock ? 1 : 0, units.holder ? 1 : 0],
      );
    } catch (error) {
      // The gate now counts a unit too many; the next refusal it causes is checked and healed.
      this.logger.warn(`coupon gate give-back failed: ${(error as Error).message}`);
    }
  }

  /** Checks a refusal against the record (rate-limited); true when the gate was wrong and has been lowered. */
  private async heal(request: QuotaRequest, outcome: 'sold_out' | 'limit_reached'): Promise<boolean> {
    const subject = outcome === 'sold_out' ? request.templateId : `${request.templateId}:${request.shopperId}`;
    const now = this.clock.now().getTime();
    const last = this.verifiedAt.get(subject);
    if (last !== undefined && now - last < VERIFY_EVERY_MS && now >= last) return false;
    if (this.verifiedAt.size > 10_000) this.verifiedAt.clear();
    this.verifiedAt.set(subject, now);
    const usage = await this.record.usage(request.templateId, request.shopperId);
    const keys = this.keys(request.templateId);
    const changed = await HEAL.run(
      this.client(),
      [keys.issued, keys.holders],
      [request.shopperId, usage.issued, usage.held],
    );
    if (changed === 1)
      this.logger.warn(`coupon gate of template ${request.templateId} was ahead of the record; healed`);
    return changed === 1;
  }

  /** Loads the keys from the record, or waits for the instance doing it. False when they are still not there. */
  private rebuild(request: QuotaRequest): Promise<boolean> {
    const keys = this.keys(request.templateId);
    return this.once.ensure(request.templateId, {
      lock: keys.lock,
      loaded: async () => (await this.client().exists(keys.issued)) === 1,
      rebuild: () => this.load(request, keys),
    });
  }

  private async load(request: QuotaRequest, keys: ReturnType<RedisQuotaStore['keys']>): Promise<void> {
    const holders: string[] = [];
    for await (const page of this.record.holders(request.templateId)) {
      for (const holder of page) holders.push(holder.shopperId, String(holder.issued));
    }
    // Read after the holders: whatever committed meanwhile is at worst counted low, and the record catches it.
    const issued = await this.record.issued(request.templateId);
    const ttlMs = String(this.ttlMs(request));
    // One transaction: keys lost mid-rebuild (a restart, a flush) never leave the count loaded without its holders,
    // which would let a shopper's attempts past the limit and make the stock look taken by them meanwhile.
    const multi = keyedMulti(this.client(), keys.issued);
    multi.add(['DEL', keys.holders]);
    for (let i = 0; i < holders.length; i += HSET_CHUNK * 2) {
      multi.add(['HSET', keys.holders, ...holders.slice(i, i + HSET_CHUNK * 2)]);
    }
    if (holders.length > 0) multi.add(['PEXPIRE', keys.holders, ttlMs]);
    multi.add(['SET', keys.issued, String(issued), 'PX', ttlMs]);
    await multi.exec();
    this.logger.log(
      `coupon gate of template ${request.templateId} rebuilt: ${issued} issued, ${holders.length / 2} holders`,
    );
  }

  private ttlMs(request: QuotaRequest): number {
    return Math.max(0, request.forgetAfter.getTime() - this.clock.now().getTime()) + KEEP_AFTER_WINDOW_MS;
  }

  private keys(templateId: string) {
    const tag = `{cp:${templateId}}`;
    return {
      issued: this.redis.key(tag, 'issued'),
      holders: this.redis.key(tag, 'holders'),
      lock: this.redis.key(tag, 'rebuild'),
    };
  }

  private client(): RedisClient {
    if (!this.redis.client) throw new Error('RedisQuotaStore needs REDIS_URL');
    return this.redis.client;
  }
}
