import { Injectable, OnModuleInit } from '@nestjs/common';
import { Clock } from '../../../platform/clock/clock';
import { GateMetrics, GateOutcome } from '../../../platform/metrics/gate-metrics';
import { hotGateBacklog } from '../../../platform/metrics/hot-gate-backlog';
import { EntryStreams } from '../../../platform/redis/entry-streams';
import { RedisService } from '../../../platform/redis/redis.service';
import { DrawGateRebuilder } from './draw-gate-rebuilder';
import { DrawRecord } from './draw-record';

/** The lucky-draw gate as metrics name it. */
export const LUCKY_DRAW_GATE = 'lucky_draw';

/** Draws on the Redis path on /metrics: each outcome (no chance left is `limit_reached`), and the draws accepted
 * and not written yet. */
@Injectable()
export class DrawMetrics implements OnModuleInit {
  constructor(
    private readonly gates: GateMetrics,
    private readonly redis: RedisService,
    private readonly clock: Clock,
    private readonly record: DrawRecord,
    private readonly streams: EntryStreams,
    private readonly rebuilder: DrawGateRebuilder,
  ) {}

  onModuleInit(): void {
    if (!this.redis.enabled) return;
    this.gates.declare(LUCKY_DRAW_GATE);
    this.gates.streamBacklog(LUCKY_DRAW_GATE, async () =>
      hotGateBacklog(await this.record.streamedCampaignIds(this.clock.now()), (id) =>
        this.streams.length(this.rebuilder.keysOf(id).stream),
      ),
    );
  }

  attempt(outcome: GateOutcome): void {
    this.gates.attempt(LUCKY_DRAW_GATE, outcome);
  }
}
