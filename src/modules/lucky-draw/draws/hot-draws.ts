import { Injectable } from '@nestjs/common';
import type { CallerBudget } from '../../../platform/throttling/caller-budget';
import type { LuckyDrawEntry } from '../entities/lucky-draw-entry.entity';
import { drawGateUnavailable, luckyDrawNoChances } from '../lucky-draw.errors';
import type { CampaignDefinition } from '../lucky-draws.repository';
import { countGateError, GateCounter } from '../../../platform/metrics/gate-metrics';
import { DrawBatches } from './draw-batches';
import type { DrawDraft } from './draw-settlement';
import { RedisDrawGate } from './redis-draw-gate';

/** The stampede's common refusal, made once (an Error's stack costs more than the rest of the answer). */
const NO_CHANCES = luckyDrawNoChances();

/** A draw the lost keys accepted is tried again through the rebuilt ones, this many times at most. */
const ATTEMPTS = 3;

/**
 * A draw with REDIS_URL: the prize picked in Node (DrawsService), one gate call decides the chance and the picked
 * prize's unit and appends the draw to the campaign's stream, then the draw waits for the group commit that writes
 * it with what it won (DrawBatches), so the answer is readable in `GET /v1/lucky-draws/:id/me`, its coupon in the
 * wallet, as without Redis.
 */
@Injectable()
export class HotDraws {
  constructor(
    private readonly gate: RedisDrawGate,
    private readonly batches: DrawBatches,
    private readonly metrics: GateCounter,
  ) {}

  async draw(
    definition: CampaignDefinition,
    draft: DrawDraft,
    budget: CallerBudget | null = null,
  ): Promise<LuckyDrawEntry> {
    try {
      return await this.decideAndWrite(definition, draft, budget);
    } catch (error) {
      countGateError(this.metrics, error);
      throw error;
    }
  }

  private async decideAndWrite(
    definition: CampaignDefinition,
    draft: DrawDraft,
    budget: CallerBudget | null,
  ): Promise<LuckyDrawEntry> {
    const picked = definition.prizes[draft.pickedIndex];
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const decision = await this.gate.decide(definition.campaign, picked, draft, budget);
      if (decision.kind === 'no_chances') {
        this.metrics.attempt('limit_reached');
        throw NO_CHANCES;
      }
      const written = await this.batches.submit(definition, {
        drawId: draft.drawId,
        shopperId: draft.shopper.userId,
        openid: draft.shopper.openid,
        day: draft.day,
        pickedPrizeId: picked.id,
        epoch: decision.epoch,
        acceptedAt: draft.at,
        inStock: decision.inStock,
        streamId: decision.streamId,
        random: draft.random,
      });
      if (written.kind === 'written') {
        this.metrics.attempt('accepted');
        return written.entry;
      }
    }
    throw drawGateUnavailable();
  }

  /** A share the record counted, for the gate's count of the shopper's day. */
  shared(campaignId: string, shopperId: string, day: string, shares: number): Promise<void> {
    return this.gate.shared(campaignId, shopperId, day, shares);
  }
}
