import { Injectable } from '@nestjs/common';
import { Db } from '../../../platform/database/db';
import { isUniqueViolation } from '../../../platform/database/postgres-errors';
import { drawRandom } from '../domain/fair-random';
import type { LuckyDrawEntry } from '../entities/lucky-draw-entry.entity';
import type { CampaignDefinition } from '../lucky-draws.repository';
import type { AcceptedDraw } from './draw-entry';
import { DrawRecord } from './draw-record';
import { DrawSettlement } from './draw-settlement';

/** A draw written (now or before: its row), or of a generation the record no longer knows (not written). */
export type DrawWritten = { kind: 'written'; entry: LuckyDrawEntry } | { kind: 'stale' };

/** What a write settled: each draw's outcome, and the units its draws took in the gate without awarding them. */
export interface DrawBatchResult {
  outcomes: DrawWritten[];
  epoch: number;
  unawarded: Map<string, number>;
}

/**
 * Writes draws the gate accepted, in one transaction holding the campaign row against a rebuild: each new draw of the
 * campaign's generation is settled (DrawSettlement: its coupon, transfer, fulfilment and webhook, in this
 * transaction), then the rows go in and are counted (a chance of each shopper's day in the same statement, then the
 * units of each prize). A draw of an older generation was not counted by the rebuild that replaced its keys: it is not written,
 * unless it was before that rebuild. A coupon prize refused at this point makes its draw a miss that says so.
 */
@Injectable()
export class DrawWriter {
  constructor(
    private readonly db: Db,
    private readonly record: DrawRecord,
    private readonly settlement: DrawSettlement,
  ) {}

  /**
   * `new`: draws this instance just accepted, none written yet, in a batch that runs beside others of the campaign;
   * should one be written already (taken over while this instance stalled), the batch is written again `again`.
   * `again` (a takeover): alone on the campaign, what is written already is read and skipped.
   */
  async write(
    definition: CampaignDefinition,
    draws: readonly AcceptedDraw[],
    mode: 'new' | 'again',
  ): Promise<DrawBatchResult> {
    if (mode === 'again') return this.writeOnce(definition, draws, mode);
    try {
      return await this.writeOnce(definition, draws, mode);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return this.writeOnce(definition, draws, 'again');
    }
  }

  private writeOnce(
    definition: CampaignDefinition,
    draws: readonly AcceptedDraw[],
    mode: 'new' | 'again',
  ): Promise<DrawBatchResult> {
    const { campaign, byId } = definition;
    return this.db.transaction(async () => {
      const epoch = await this.record.lockEpoch(campaign.id, mode === 'new' ? 'shared' : 'exclusive');
      if (epoch === null) throw new Error(`lucky draw ${campaign.id} not found`);
      // A new batch reads only its stale draws (written before a rebuild?); a takeover reads all of them.
      const before = await this.record.written(
        draws.filter((draw) => mode === 'again' || draw.epoch !== epoch).map((draw) => draw.drawId),
      );
      const seed = Buffer.from(campaign.seedHex, 'hex');
      // One question for the batch instead of one statement per win that would record nothing.
      const listened = await this.settlement.prizeWonListened(campaign.merchantId);
      const fresh = new Map<string, LuckyDrawEntry>();
      const awarded = new Map<string, number>();
      const unawarded = new Map<string, number>();
      for (const draw of draws) {
        const pickedIndex = definition.prizes.findIndex((prize) => prize.id === draw.pickedPrizeId);
        if (draw.epoch !== epoch || before.has(draw.drawId) || fresh.has(draw.drawId) || pickedIndex < 0) continue;
        const picked = byId.get(draw.pickedPrizeId)!;
        const limited = picked.stock !== null && draw.inStock;
        let givenBack = false;
        const entry = await this.settlement.settle(
          definition,
          {
            drawId: draw.drawId,
            shopper: { userId: draw.shopperId, openid: draw.openid },
            day: draw.day,
            random: draw.random ?? drawRandom(seed, draw.drawId),
            pickedIndex,
            at: draw.acceptedAt,
          },
          draw.inStock,
          () => {
            givenBack = true;
            return Promise.resolve();
          },
          listened,
        );
        fresh.set(draw.drawId, entry);
        if (!limited) continue;
        const units = givenBack ? unawarded : awarded;
        units.set(picked.id, (units.get(picked.id) ?? 0) + 1);
      }
      await this.record.insertCounted(campaign.id, [...fresh.values()], awarded);
      const outcomes = draws.map((draw): DrawWritten => {
        const entry = before.get(draw.drawId) ?? fresh.get(draw.drawId);
        return entry ? { kind: 'written', entry } : { kind: 'stale' };
      });
      return { outcomes, epoch, unawarded };
    });
  }
}
