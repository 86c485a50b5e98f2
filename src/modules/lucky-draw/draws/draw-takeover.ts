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

  private takeOver(campaignId: string): Promise<number> {
    return this.streams.takeOver(
      this.rebuilder.keysOf(campaignId).stream,
      parseDrawEntry,
      (draws) => this.write(campaignId, draws),
      (count) => this.logger.error(`lucky draw ${campaignId}: ${count} unreadable draws dropped`),
    );
  }

  /**
   * Draws written now (those another instance committed are skipped); prize units the gate took for draws written as
   * misses (a coupon prize refused) go back to it. None when the campaign is gone.
   */
  private async write(campaignId: string, draws: AcceptedDraw[]): Promise<number> {
    const definition = await this.campaigns.definition(campaignId);
    if (!definition) return 0;
    const result = await this.writer.write(definition, draws, 'again');
    if (result.unawarded.size > 0) await this.gate.giveBack(campaignId, result.epoch, result.unawarded);
    return result.outcomes.filter((outcome) => outcome.kind === 'written').length;
  }
}
