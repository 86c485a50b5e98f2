import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { Clock } from '../clock/clock';
import { Db } from '../database/db';

/** Keys are honoured for a day, as payment providers do; older ones are deleted in small batches. */
const RETENTION_MS = 24 * 3600 * 1000;
const BATCH = 1000;

@Injectable()
export class IdempotencyCleanupJob {
  private readonly logger = new Logger(IdempotencyCleanupJob.name);

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  @Interval(10 * 60 * 1000)
  async run(): Promise<number> {
    const cutoff = new Date(this.clock.now().getTime() - RETENTION_MS);
    try {
      const deleted = await this.db.query<{ key: string }>(
        `DELETE FROM idempotency_keys WHERE ctid IN (
           SELECT ctid FROM idempotency_keys WHERE created_at < $1 LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
         RETURNING key`,
        [cutoff],
      );
      return deleted.length;
    } catch (error) {
      this.logger.warn(`idempotency cleanup failed: ${(error as Error).message}`);
      return 0;
    }
  }
}
