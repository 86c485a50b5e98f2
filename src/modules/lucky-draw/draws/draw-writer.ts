import { Injectable } from '@nestjs/common';
import { Db } from '../../../platform/database/db';
import { isUniqueViolation } from '../../../platform/database/postgres-errors';
import { drawRandom } from '../domain/fair-random';
import type { LuckyDrawEntry } from '../entities/lucky-draw-entry.entity';
import type { CampaignDefinition } from '../lucky-draws.repository';
import type { AcceptedDraw } from './draw-entry';
import { DrawRecord } from './draw-record';
import { DrawDraft, DrawSettlement } from './draw-settlement';

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
 * A batch that issues nothing (the stampede's misses and items) skips the transaction: one statement (writeAlone).
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
      return (await this.writeAlone(definition, draws)) ?? (await this.writeOnce(definition, draws, mode));
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return this.writeOnce(definition, draws, 'again');
    }
  }

  /**
   * The common batch in one statement, its own transaction (one round trip where the transaction takes five): new
   * draws of one generation whose settling issues nothing (misses, items, prizes of kind none), written only if
   * that generation is still the campaign's and, when one of them won, only while nobody takes its prize-won webhook.
   * Null, having written nothing, for any other batch.
   */
  private async writeAlone(
    definition: CampaignDefinition,
    draws: readonly AcceptedDraw[],
  ): Promise<DrawBatchResult | null> {
    const { campaign, byId } = definition;
    const epoch = draws[0].epoch;
    const seed = Buffer.from(campaign.seedHex, 'hex');
    const entries: LuckyDrawEntry[] = [];
    const awarded = new Map<string, number>();
    let anyWon = false;
    for (const draw of draws) {
      const picked = byId.get(draw.pickedPrizeId);
      if (draw.epoch !== epoch || !picked) return null;
      const entry = this.settlement.rowIssuingNothing(definition, draftOf(draw, definition, seed), draw.inStock);
      if (!entry) return null;
      entries.push(entry);
      anyWon ||= entry.prizeId !== null;
      if (picked.stock !== null && draw.inStock) awarded.set(picked.id, (awarded.get(picked.id) ?? 0) + 1);
    }
    const heardBy = anyWon ? campaign.merchantId : null;
    if (!(await this.record.insertCounted(campaign.id, epoch, entries, awarded, heardBy))) return null;
    return { outcomes: entries.map((entry) => ({ kind: 'written', entry })), epoch, unawarded: new Map() };
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
        const picked = byId.get(draw.pickedPrizeId);
        if (draw.epoch !== epoch || before.has(draw.drawId) || fresh.has(draw.drawId) || !picked) continue;
        const limited = picked.stock !== null && draw.inStock;
        let givenBack = false;
        const entry = await this.settlement.settle(
          definition,
          draftOf(draw, definition, seed),
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
      // The generation is locked: the statement writes them all.
      if (!(await this.record.insertCounted(campaign.id, epoch, [...fresh.values()], awarded))) {
        throw new Error(`lucky draw ${campaign.id}: draws of generation ${epoch} not written under its lock`);
      }
      const outcomes = draws.map((draw): DrawWritten => {
        const entry = before.get(draw.drawId) ?? fresh.get(draw.drawId);
        return entry ? { kind: 'written', entry } : { kind: 'stale' };
      });
      return { outcomes, epoch, unawarded };
    });
  }
}

/** An accepted draw as settling takes it; its proof made again from its id when the stream entry did not carry it. */
function draftOf(draw: AcceptedDraw, definition: CampaignDefinition, seed: Buffer): DrawDraft {
  return {
    drawId: draw.drawId,
    shopper: { userId: draw.shopperId, openid: draw.openid },
    day: draw.day,
    random: draw.random ?? drawRandom(seed, draw.drawId),
    pickedIndex: definition.prizes.indexOf(definition.byId.get(draw.pickedPrizeId)!),
    at: draw.acceptedAt,
  };
}
