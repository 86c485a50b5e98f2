import { Injectable, Logger } from '@nestjs/common';
import type { RedisClient } from '../../../platform/redis/redis-client';
import { Clock } from '../../../platform/clock/clock';
import { DomainError } from '../../../platform/errors/domain-error';
import { RedisService } from '../../../platform/redis/redis.service';
import { luckyDrawNoChances } from '../lucky-draw.errors';
import { GIVE_BACK, HEAL_DAY, HEAL_STOCK, LOAD, SPEND } from './chance-scripts';
import { ChanceStore, DrawAttempt, DrawWork, ShopperDay } from './chance-store';
import { PostgresChanceStore } from './postgres-chance-store';

type GateOutcome = 'missing' | 'no_chances' | 'spent' | 'spent_with_stock' | 'spent_out_of_stock';

/** A shopper's day key outlives its day by this much (days are counted in any time zone). */
const DAY_KEY_TTL_MS = 3 * 24 * 60 * 60 * 1000;
/** Stock keys outlive the campaign by this much. */
const KEEP_AFTER_END_MS = 24 * 60 * 60 * 1000;
/** Gate refusals are checked against the record at most this often per shopper-day (and per prize). */
const VERIFY_EVERY_MS = 1_000;

/**
 * The Redis adapter: one Lua script per draw spends the chance and takes the picked prize's unit, refusing
 * shoppers with no chance left without touching Postgres; what it lets through is then spent again, exactly,
 * by the Postgres record in the draw's transaction. Keys are loaded from the record when missing (flush,
 * restart, expiry), per shopper-day and per prize, so nothing here needs a campaign-wide rebuild.
 *
 * The gate is never trusted with the final word on a grant: the record refuses what the gate wrongly let
 * through. Its refusals are checked against the record at most once a second, and its counts lowered when they
 * are ahead (a draw that died between its Redis step and its commit).
 */
@Injectable()
export class RedisChanceStore extends ChanceStore {
  private readonly logger = new Logger(RedisChanceStore.name);
  private readonly verifiedAt = new Map<string, number>();

  constructor(
    private readonly redis: RedisService,
    private readonly record: PostgresChanceStore,
    private readonly clock: Clock,
  ) {
    super();
  }

  async spend<T>(attempt: DrawAttempt, work: DrawWork<T>): Promise<T> {
    let gate: GateOutcome | 'unavailable';
    try {
      gate = await this.gate(attempt);
    } catch (error) {
      this.logger.warn(`draw gate unavailable, using the record: ${(error as Error).message}`);
      gate = 'unavailable';
    }
    if (gate === 'no_chances') throw luckyDrawNoChances();
    if (gate === 'unavailable' || gate === 'missing') return this.record.spend(attempt, work);
    const takeStock = gate !== 'spent_out_of_stock' || (await this.stockBehind(attempt));
    let recordInStock: boolean | undefined;
    let stockGivenBack = false;
    let result: T;
    try {
      result = await this.record.spendWith(attempt, takeStock, (inStock, giveBackStock) => {
        recordInStock = inStock;
        return work(inStock, async () => {
          await giveBackStock();
          stockGivenBack = inStock;
        });
      });
    } catch (error) {
      const refusedChance = error instanceof DomainError && error.code === 'LUCKY_DRAW_NO_CHANCES';
      // What the record refused, the gate keeps (its count was behind); the rest goes back.
      await this.giveBack(attempt, {
        chance: !refusedChance,
        stock: gate === 'spent_with_stock' && recordInStock !== false,
      });
      throw error;
    }
    // The draw committed without the unit it took (an undeliverable prize): the gate gets it back too.
    if (stockGivenBack && gate === 'spent_with_stock') await this.giveBack(attempt, { chance: false, stock: true });
    return result;
  }

  async share(day: ShopperDay, bonusCap: number): Promise<{ used: number; shares: number }> {
    const counts = await this.record.share(day, bonusCap);
    try {
      await HEAL_DAY.run(this.client(), [this.keys(day.campaignId).day(day)], [counts.used, counts.shares]);
    } catch (error) {
      // The gate may refuse a bonus draw once; its refusal is checked against the record and healed.
      this.logger.warn(`draw gate share not recorded: ${(error as Error).message}`);
    }
    return counts;
  }

  private async gate(attempt: DrawAttempt): Promise<GateOutcome> {
    let outcome = await this.runSpend(attempt);
    if (outcome === 'missing') {
      await this.load(attempt);
      outcome = await this.runSpend(attempt);
    }
    if (outcome === 'no_chances' && (await this.healDay(attempt))) outcome = await this.runSpend(attempt);
    return outcome;
  }

  private runSpend(attempt: DrawAttempt): Promise<GateOutcome> {
    const keys = this.keys(attempt.campaignId);
    const dayKey = keys.day(attempt);
    const limited = attempt.limitedPrize;
    return SPEND.run(
      this.client(),
      [dayKey, limited ? keys.awarded(limited.id) : dayKey],
      [attempt.drawsPerUserPerDay, attempt.shareBonusDrawsPerDay, limited ? 1 : 0, limited?.stock ?? 0],
    ) as Promise<GateOutcome>;
  }

  private async load(attempt: DrawAttempt): Promise<void> {
    const keys = this.keys(attempt.campaignId);
    const dayKey = keys.day(attempt);
    const limited = attempt.limitedPrize;
    const usage = await this.record.usage(attempt);
    const awarded = limited ? await this.record.awarded(limited.id) : 0;
    const stockTtl = Math.max(0, attempt.forgetAfter.getTime() - this.clock.now().getTime()) + KEEP_AFTER_END_MS;
    await LOAD.run(
      this.client(),
      [dayKey, limited ? keys.awarded(limited.id) : dayKey],
      [usage.used, usage.shares, limited ? 1 : 0, awarded, DAY_KEY_TTL_MS, stockTtl],
    );
  }

  private async giveBack(attempt: DrawAttempt, what: { chance: boolean; stock: boolean }): Promise<void> {
    if (!what.chance && !what.stock) return;
    const keys = this.keys(attempt.campaignId);
    const dayKey = keys.day(attempt);
    try {
      await GIVE_BACK.run(
        this.client(),
        [dayKey, attempt.limitedPrize ? keys.awarded(attempt.limitedPrize.id) : dayKey],
        [what.chance ? 1 : 0, what.stock && attempt.limitedPrize ? 1 : 0],
      );
    } catch (error) {
      // The gate now counts one too many; the next refusal it causes is checked and healed.
      this.logger.warn(`draw gate give-back failed: ${(error as Error).message}`);
    }
  }

  /** A "no chance left" checked against the record (rate-limited): true when the gate was ahead and is healed. */
  private async healDay(attempt: DrawAttempt): Promise<boolean> {
    if (!this.mayVerify(`${attempt.campaignId}:${attempt.shopperId}:${attempt.day}`)) return false;
    const usage = await this.record.usage(attempt);
    const changed = await HEAL_DAY.run(
      this.client(),
      [this.keys(attempt.campaignId).day(attempt)],
      [usage.used, usage.shares],
    );
    return changed === 1;
  }

  /** An "out of stock" checked against the record (rate-limited): true when the record still has some. */
  private async stockBehind(attempt: DrawAttempt): Promise<boolean> {
    const prize = attempt.limitedPrize;
    if (!prize || !this.mayVerify(prize.id)) return false;
    try {
      const awarded = await this.record.awarded(prize.id);
      if (awarded >= prize.stock) return false;
      await HEAL_STOCK.run(this.client(), [this.keys(attempt.campaignId).awarded(prize.id)], [awarded]);
      this.logger.warn(`draw gate of prize ${prize.id} was ahead of the record; healed`);
      return true;
    } catch (error) {
      this.logger.warn(`draw gate stock check failed: ${(error as Error).message}`);
      return false;
    }
  }

  private mayVerify(subject: string): boolean {
    const now = this.clock.now().getTime();
    const last = this.verifiedAt.get(subject);
    if (last !== undefined && now >= last && now - last < VERIFY_EVERY_MS) return false;
    if (this.verifiedAt.size > 10_000) this.verifiedAt.clear();
    this.verifiedAt.set(subject, now);
    return true;
  }

  private keys(campaignId: string) {
    const tag = `{ld:${campaignId}}`;
    return {
      day: (day: { day: string; shopperId: string }) => this.redis.key(tag, 'day', day.day, day.shopperId),
      awarded: (prizeId: string) => this.redis.key(tag, 'awarded', prizeId),
    };
  }

  private client(): RedisClient {
    if (!this.redis.client) throw new Error('RedisChanceStore needs REDIS_URL');
    return this.redis.client;
  }
}
