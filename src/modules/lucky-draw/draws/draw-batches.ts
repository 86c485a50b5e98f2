import { Injectable, Logger } from '@nestjs/common';
import { GroupCommit } from '../../../platform/batching/group-commit';
import { EntryStreams } from '../../../platform/redis/entry-streams';
import type { CampaignDefinition } from '../lucky-draws.repository';
import type { AcceptedDraw } from './draw-entry';
import { DrawGateRebuilder } from './draw-gate-rebuilder';
import { DrawBatchResult, DrawWriter, DrawWritten } from './draw-writer';
import { RedisDrawGate } from './redis-draw-gate';

interface Pending {
  definition: CampaignDefinition;
  draw: AcceptedDraw;
}

/**
 * This instance's accepted draws, written by campaign in group commits (DrawWriter): a draw is answered once the
 * transaction holding it has committed; then units its refused coupon prizes took go back to the gate and its
 * stream entries are deleted. An entry whose deletion is lost is written again by the takeover, which skips it.
 */
@Injectable()
export class DrawBatches {
  private readonly logger = new Logger(DrawBatches.name);
  private readonly group = new GroupCommit<Pending, DrawWritten>((_campaignId, pending) => this.write(pending));

  constructor(
    private readonly writer: DrawWriter,
    private readonly gate: RedisDrawGate,
    private readonly streams: EntryStreams,
    private readonly rebuilder: DrawGateRebuilder,
  ) {}

  submit(definition: CampaignDefinition, draw: AcceptedDraw): Promise<DrawWritten> {
    return this.group.submit(definition.campaign.id, { definition, draw });
  }

  private async write(pending: Pending[]): Promise<DrawWritten[]> {
    const definition = pending[pending.length - 1].definition;
    const draws = pending.map((item) => item.draw);
    const result = await this.writer.write(definition, draws, 'new');
    void this.afterCommit(definition.campaign.id, draws, result);
    return result.outcomes;
  }

  /** Not awaited by the callers: their draws are committed; a failure here is healed by the takeover or a rebuild. */
  private async afterCommit(campaignId: string, draws: AcceptedDraw[], result: DrawBatchResult): Promise<void> {
    try {
      if (result.unawarded.size > 0) await this.gate.giveBack(campaignId, result.epoch, result.unawarded);
      await this.streams.forget(
        this.rebuilder.keysOf(campaignId).stream,
        draws.map((draw) => draw.streamId),
      );
    } catch (error) {
      this.logger.warn(`lucky draw ${campaignId}: draws written, gate not told: ${(error as Error).message}`);
    }
  }
}
