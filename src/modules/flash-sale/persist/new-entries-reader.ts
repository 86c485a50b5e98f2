import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobRunner } from '../../../platform/jobs/job-runner';
import { RedisService } from '../../../platform/redis/redis.service';
import { BatchPersister } from './batch-persister';
import { OpenSales } from './open-sales';
import { BATCH, ReservationStream } from './reservation-stream';

export const PERSIST_JOB = 'flash-sale.persist';

/**
 * The `flash-sale.persist` job (with REDIS_URL): reads every open sale's new stream entries, a batch at a time
 * until none are left, and has each batch written (BatchPersister). Every instance runs it; the consumer group
 * hands each entry to one of them. Keys of sales about to open are loaded here too.
 */
@Injectable()
export class NewEntriesReader implements OnModuleInit {
  constructor(
    private readonly redis: RedisService,
    private readonly jobs: JobRunner,
    private readonly sales: OpenSales,
    private readonly stream: ReservationStream,
    private readonly persister: BatchPersister,
  ) {}

  onModuleInit(): void {
    if (this.redis.enabled) this.jobs.register(PERSIST_JOB, () => this.readAll());
  }

  /** Entries written; a sale that fails is logged and left for the next run, the others go on. */
  private readAll(): Promise<number> {
    return this.sales.sumOverEach('persisting reservations', async (sale) => {
      let written = 0;
      for (;;) {
        const entries = await this.stream.readNew(sale.id);
        if (entries.length > 0) await this.persister.persist(sale, entries, 'first');
        written += entries.length;
        if (entries.length < BATCH) break;
      }
      // After reading: what was read is written under the generation it finds, never held up by a rebuild.
      await this.sales.ensureLoaded(sale);
      return written;
    });
  }
}
