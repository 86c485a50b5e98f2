import { Injectable, OnModuleInit } from '@nestjs/common';
import { Clock } from '../../../platform/clock/clock';
import { GateMetrics, GateOutcome } from '../../../platform/metrics/gate-metrics';
import { hotGateBacklog } from '../../../platform/metrics/hot-gate-backlog';
import { EntryStreams } from '../../../platform/redis/entry-streams';
import { RedisService } from '../../../platform/redis/redis.service';
import { ClaimGateRebuilder } from './claim-gate-rebuilder';
import { ClaimRecord } from './claim-record';

/** The coupon-claim gate as metrics name it. */
export const COUPON_CLAIM_GATE = 'coupon_claim';

/** Claims on the Redis path on /metrics: each outcome, and the claims accepted and not written yet. */
@Injectable()
export class ClaimMetrics implements OnModuleInit {
  constructor(
    private readonly gates: GateMetrics,
    private readonly redis: RedisService,
    private readonly clock: Clock,
    private readonly record: ClaimRecord,
    private readonly streams: EntryStreams,
    private readonly rebuilder: ClaimGateRebuilder,
  ) {}

  onModuleInit(): void {
    if (!this.redis.enabled) return;
    this.gates.declare(COUPON_CLAIM_GATE);
    this.gates.streamBacklog(COUPON_CLAIM_GATE, async () =>
      hotGateBacklog(await this.record.streamedTemplateIds(this.clock.now()), (id) =>
        this.streams.length(this.rebuilder.keysOf(id).stream),
      ),
    );
  }

  attempt(outcome: GateOutcome): void {
    this.gates.attempt(COUPON_CLAIM_GATE, outcome);
  }
}
