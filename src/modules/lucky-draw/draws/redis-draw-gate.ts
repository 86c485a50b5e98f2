import { Injectable, Logger } from '@nestjs/common';
import { DomainError } from '../../../platform/errors/domain-error';
import { GateConnection } from '../../../platform/redis/gate-connection';
import type { CallerBudget } from '../../../platform/throttling/caller-budget';
import { PostgresChanceStore } from '../chances/postgres-chance-store';
import type { LuckyDraw } from '../entities/lucky-draw.entity';
import type { LuckyDrawPrize } from '../entities/lucky-draw-prize.entity';
import { drawGateUnavailable } from '../lucky-draw.errors';
import { drawEntryText } from './draw-entry';
import { DrawGateRebuilder } from './draw-gate-rebuilder';
import { DAY_KEY_TTL_MS } from './draw-keys';
import { DRAW, GIVE_BACK_UNITS, LOAD_DAY, SHARED } from './draw-scripts';
import type { DrawDraft } from './draw-settlement';

export type DrawDecision =
  { kind: 'accepted'; epoch: number; inStock: boolean; streamId: string } | { kind: 'no_chances' };

type DrawReply = ['ok', string, string] | ['missing'] | ['epoch', string] | ['day_missing'] | ['no_chances'];

/** Gate calls one draw may take: a rebuild, a moved generation and a shopper's first draw of the day each add one. */
const CALLS = 6;
const MAX_EPOCHS = 10_000;

/**
 * The draw gate: one EVALSHA per draw in the steady state (draw-scripts.ts DRAW), on the hot paths' own
 * connection. A campaign's keys found missing are rebuilt (DrawGateRebuilder); a shopper's day found missing is
 * loaded from the record (PostgresChanceStore.usage: under a generation that is still current, every draw it
 * counted is written, since draws of a lost generation are never written). Redis unreachable answers 503.
 */
@Injectable()
export class RedisDrawGate {
  private readonly logger = new Logger(RedisDrawGate.name);
  /** The generation each campaign's keys were last seen under. */
  private readonly epochs = new Map<string, number>();

  constructor(
    private readonly connection: GateConnection,
    private readonly rebuilder: DrawGateRebuilder,
    private readonly record: PostgresChanceStore,
  ) {}

  /** `budget`: counted by the first call (CallerBudget), which runs only within it. */
  async decide(
    campaign: LuckyDraw,
    picked: LuckyDrawPrize,
    draft: DrawDraft,
    budget: CallerBudget | null = null,
  ): Promise<DrawDecision> {
    for (let call = 0; call < CALLS; call++) {
      const epoch = this.epochs.get(campaign.id) ?? 0;
      const reply = await this.run(campaign, picked, draft, epoch, budget);
      switch (reply[0]) {
        case 'ok':
          return { kind: 'accepted', epoch, inStock: reply[1] === '1', streamId: reply[2] };
        case 'no_chances':
          return { kind: 'no_chances' };
        case 'epoch':
          this.remember(campaign.id, Number(reply[1]));
          break;
        case 'missing':
          this.epochs.delete(campaign.id);
          if (!(await this.ensure(campaign))) throw drawGateUnavailable();
          break;
        case 'day_missing':
          await this.loadDay(campaign, draft, epoch);
          break;
      }
    }
    throw drawGateUnavailable();
  }

  /** A share the record counted raises the gate's count of the shopper's day (when loaded). */
  async shared(campaignId: string, shopperId: string, day: string, shares: number): Promise<void> {
    const keys = this.rebuilder.keysOf(campaignId);
    try {
      // This instance may never have drawn on the campaign: the generation is read, not guessed.
      const ready = await this.rebuilder.readyEpoch(campaignId);
      if (ready === null) return; // not loaded: a rebuild's days are loaded from the record
      this.remember(campaignId, ready);
      await this.connection.run(SHARED, [keys.day(ready, day, shopperId)], [shares]);
    } catch (error) {
      // The record counted it: the day is loaded from there when the gate is rebuilt.
      this.logger.warn(`lucky draw ${campaignId}: share not counted by the gate: ${(error as Error).message}`);
    }
  }

  /** Units taken under `epoch` that written draws did not award (refused coupon prizes) go back. */
  async giveBack(campaignId: string, epoch: number, units: ReadonlyMap<string, number>): Promise<void> {
    const keys = this.rebuilder.keysOf(campaignId);
    for (const [prizeId, count] of units) {
      await this.connection.run(GIVE_BACK_UNITS, [keys.ready, keys.awarded(epoch, prizeId)], [epoch, count]);
    }
  }

  private async ensure(campaign: LuckyDraw): Promise<boolean> {
    try {
      return await this.rebuilder.ensure(campaign);
    } catch (error) {
      this.logger.warn(`lucky draw ${campaign.id}: rebuilding the draw gate failed: ${(error as Error).message}`);
      return false;
    }
  }

  private async loadDay(campaign: LuckyDraw, draft: DrawDraft, epoch: number): Promise<void> {
    const usage = await this.record.usage({ campaignId: campaign.id, shopperId: draft.shopper.userId, day: draft.day });
    const keys = this.rebuilder.keysOf(campaign.id);
    await this.call(campaign.id, () =>
      this.connection.run(
        LOAD_DAY,
        [keys.ready, keys.day(epoch, draft.day, draft.shopper.userId)],
        [epoch, usage.used, usage.shares, DAY_KEY_TTL_MS],
      ),
    );
  }

  private run(
    campaign: LuckyDraw,
    picked: LuckyDrawPrize,
    draft: DrawDraft,
    epoch: number,
    budget: CallerBudget | null,
  ): Promise<DrawReply> {
    const keys = this.rebuilder.keysOf(campaign.id);
    const day = keys.day(epoch, draft.day, draft.shopper.userId);
    const limited = picked.stock !== null;
    const text = drawEntryText({
      drawId: draft.drawId,
      shopperId: draft.shopper.userId,
      openid: draft.shopper.openid,
      day: draft.day,
      pickedPrizeId: picked.id,
      epoch,
      acceptedAt: draft.at,
    });
    const gateKeys = [keys.ready, day, limited ? keys.awarded(epoch, picked.id) : day, keys.stream];
    const args = [
      epoch,
      campaign.drawsPerUserPerDay,
      campaign.shareBonusDrawsPerDay,
      limited ? 1 : 0,
      picked.stock ?? 0,
      text,
    ];
    return this.call(
      campaign.id,
      () =>
        (budget
          ? budget.run(this.connection, DRAW, gateKeys, args)
          : this.connection.run(DRAW, gateKeys, args)) as Promise<DrawReply>,
    );
  }

  private async call<T>(campaignId: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof DomainError) throw error;
      this.logger.warn(`lucky draw ${campaignId}: draw gate call failed: ${(error as Error).message}`);
      throw drawGateUnavailable();
    }
  }

  private remember(campaignId: string, epoch: number): void {
    if (this.epochs.size >= MAX_EPOCHS) this.epochs.clear();
    this.epochs.set(campaignId, epoch);
  }
}
