import { Injectable } from '@nestjs/common';
import { Clock } from '../clock/clock';
import { Db } from '../database/db';
import { DUE_WORK_SQL, DueWorkRow, LAGGING_JOBS } from './due-work.sql';
import { METRICS } from './metric-catalogue';
import { MetricsRegistry } from './metrics-registry';
import { SharedRead } from './shared-read';

/** Outbox and webhook backlogs and their oldest age, and each job's lag, read from PostgreSQL at scrape time. */
@Injectable()
export class DueWorkMetrics {
  private readonly dueWork: SharedRead<{ row: DueWorkRow; nowMs: number }>;

  constructor(db: Db, clock: Clock, metrics: MetricsRegistry) {
    this.dueWork = new SharedRead(async () => {
      const now = clock.now();
      const [row] = await db.query<DueWorkRow>(DUE_WORK_SQL, [now]);
      return { row, nowMs: now.getTime() };
    });
    metrics.scrapeGauge(METRICS.outboxPending, 'due_work', async (set) =>
      set({}, Number((await this.dueWork.read()).row.outbox_pending)),
    );
    metrics.scrapeGauge(METRICS.outboxOldestAge, 'due_work', async (set) => {
      const { row, nowMs } = await this.dueWork.read();
      set({}, secondsSince(row.outbox_oldest, nowMs));
    });
    metrics.scrapeGauge(METRICS.webhookPending, 'due_work', async (set) =>
      set({}, Number((await this.dueWork.read()).row.webhook_pending)),
    );
    metrics.scrapeGauge(METRICS.webhookOldestAge, 'due_work', async (set) => {
      const { row, nowMs } = await this.dueWork.read();
      set({}, secondsSince(row.webhook_oldest, nowMs));
    });
    metrics.scrapeGauge(METRICS.jobLag, 'due_work', async (set) => {
      const { row, nowMs } = await this.dueWork.read();
      for (const job of LAGGING_JOBS) set({ job }, secondsSince(row[job], nowMs));
    });
  }
}

/** Seconds from `at` to now; 0 when there is nothing (or it is not yet due). */
function secondsSince(at: Date | null, nowMs: number): number {
  return at === null ? 0 : Math.max(0, (nowMs - at.getTime()) / 1000);
}
