import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobRunner } from '../../../platform/jobs/job-runner';
import { RedisService } from '../../../platform/redis/redis.service';
import { BatchPersister } from './batch-persister';
import { OpenSales } from './open-sales';
import { ReservationStream } from './reservation-stream';

export const TAKE_OVER_JOB = 'flash-sale.take-over';
/** Entries unacknowledged this long belong to an instance that died (or stalled): taken over and written. */
export const CLAIM_IDLE_MS = 5_000;

/**
 * The `flash-sale.take-over` job (with REDIS_URL): entries another consumer read and has not acknowledged for
 * CLAIM_IDLE_MS (its instance was killed between reading and committing, say) are claimed (XAUTOCLAIM) and
 * written again idempotently: what the other wrote before dying is skipped, the rest is written once.
 */
@Injectable()
export class StalledEntriesTakeover implements OnModuleInit {
  constructor(
    private readonly redis: RedisService,
    private readonly jobs: JobRunner,
    private readonly sales: OpenSales,
    private readonly stream: ReservationStream,
    private readonly persister: BatchPersister,
  ) {}

  onModuleInit(): void {
    if (this.redis.enabled) this.jobs.register(TAKE_OVER_JOB, () => this.takeOverAll());
  }

  private takeOverAll(): Promise<number> {
    return this.sales.sumOverEach('taking over stalled reservations', async (sale) => {
      let written = 0;
      let start = '0-0';
      do {
        const { entries, next } = await this.stream.claimIdle(sale.id, CLAIM_IDLE_MS, start);
        if (entries.length > 0) await this.persister.persist(sale, entries, 'again');
        written += entries.length;
        start = entries.length === 0 ? '0-0' : next;
      } while (start !== '0-0');
      return written;
    });
  }
}
