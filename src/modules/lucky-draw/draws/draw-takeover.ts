import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Clock } from '../../../platform/clock/clock';
import { JobRunner } from '../../../platform/jobs/job-runner';
import { EntryStreams } from '../../../platform/redis/entry-streams';
import { RedisService } from '../../../platform/redis/redis.service';
import { LuckyDrawsRepository } from '../lucky-draws.repository';
import { AcceptedDraw, parseDrawEntry } from './draw-entry';
import { DrawGateRebuilder } from './draw-gate-rebuilder';
import { DrawRecord } from './draw-record';
import { DrawWriter } from './draw-writer';
import { RedisDrawGate } from './redis-draw-gate';

export const DRAW_TAKEOVER_JOB = 'lucky-draw.draw-takeover';
/** A draw still in its stream this long after it was accepted belongs to an instance that died (or stalled). */
export const DRAW_IDLE_MS = 5_000;
const BATCH = 500;

/**
 * The `lucky-draw.draw-takeover` job (with REDIS_URL): draws accepted by an instance that died before writing them
 * are written by another (idempotently: what was committed is skipped, a lost generation's draw dropped), so the
 * gate's counts and the record meet again; then their entries are deleted.
 */
@Injectable()
export class DrawTakeover implements OnModuleInit {
  private readonly logger = new Logger(DrawTakeover.name);

  constructor(
    private readonly redis: RedisService,
    private readonly jobs: JobRunner,
    private readonly clock: Clock,
    private readonly record: DrawRecord,
    private readonly campaigns: LuckyDrawsRepository,
    private readonly streams: EntryStreams,
    private readonly rebuilder: DrawGateRebuilder,
    private readonly writer: DrawWriter,
    private readonly gate: RedisDrawGate,
  ) {}

  onModuleInit(): void {
    if (this.redis.enabled) this.jobs.register(DRAW_TAKEOVER_JOB, () => this.takeOverAll());
  }

  /** Draws written (or found written); a campaign that fails is logged and left for the next run. */
  async takeOverAll(): Promise<number> {
    let taken = 0;
    for (const id of await this.record.streamedCampaignIds(this.clock.now())) {
      try {
        taken += await this.takeOver(id);
      } catch (error) {
        this.logger.warn(`lucky draw ${id}: taking over draws failed: ${(error as Error).message}`);
      }
    }
    return taken;
  }

  private async takeOver(campaignId: string): Promise<number> {
    const stream = this.rebuilder.keysOf(campaignId).stream;
    let taken = 0;
    for (;;) {
      const entries = await this.streams.idleEntries(stream, DRAW_IDLE_MS, BATCH);
      if (entries.length === 0) return taken;
      const draws = entries
        .map((entry) => parseDrawEntry(entry.streamId, entry.data))
        .filter((draw): draw is AcceptedDraw => draw !== null);
      if (draws.length < entries.length) {
        this.logger.error(`lucky draw ${campaignId}: ${entries.length - draws.length} unreadable draws dropped`);
      }
      const definition = await this.campaigns.definition(campaignId);
      if (definition && draws.length > 0) {
        const result = await this.writer.write(definition, draws, 'again');
        if (result.unawarded.size > 0) await this.gate.giveBack(campaignId, result.epoch, result.unawarded);
        taken += result.outcomes.filter((outcome) => outcome.kind === 'written').length;
      }
      await this.streams.forget(
        stream,
        entries.map((entry) => entry.streamId),
      );
      if (entries.length < BATCH) return taken;
    }
  }
}
