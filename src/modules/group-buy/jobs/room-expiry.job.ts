import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { JobRunner } from '../../../platform/jobs/job-runner';
import { Clock } from '../../../platform/clock/clock';
import { RoomCloser } from '../room-closer';
import { RoomExpiryService, SweepResult } from '../room-expiry.service';
import { RoomSweepError } from '../room-sweep.error';

export const GROUP_BUY_EXPIRE_JOB = 'group-buy.expire';

/** Rooms of each kind (open, pending) per transaction. */
const BATCH = 100;
/** A run stops after this many rooms, so one instance never holds the job for long; the next run goes on. */
const MAX_PER_RUN = 10_000;

const emptyResult = (): SweepResult => ({ claimed: 0, failed: 0, completed: 0, cancelled: 0, refundsRequested: 0 });

function add(total: SweepResult, result: SweepResult): void {
  for (const key of Object.keys(total) as Array<keyof SweepResult>) total[key] += result[key];
}

/**
 * Every JOB_INTERVAL_MS: settles rooms past their deadline, a batch per transaction, until none is left. A batch
 * that fails is retried room by room, so one bad room is logged and skipped instead of blocking the others. Then
 * asks again any failed room's refund that was claimed but never asked (RoomCloser.askOverdueRefunds).
 */
@Injectable()
export class RoomExpiryJob implements OnModuleInit {
  private readonly logger = new Logger(RoomExpiryJob.name);

  constructor(
    private readonly jobs: JobRunner,
    private readonly expiry: RoomExpiryService,
    private readonly closer: RoomCloser,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.jobs.register(GROUP_BUY_EXPIRE_JOB, () => this.run());
  }

  async run(): Promise<SweepResult> {
    const total = emptyResult();
    const skipped: string[] = [];
    while (total.claimed < MAX_PER_RUN) {
      try {
        const result = await this.expiry.sweep(BATCH, skipped);
        if (result.claimed === 0) break;
        add(total, result);
      } catch (error) {
        if (!(error instanceof RoomSweepError)) throw error;
        this.logger.warn(`${error.message}; settling those rooms one by one`);
        for (const roomId of error.roomIds) {
          try {
            add(total, await this.expiry.settleRoom(roomId));
          } catch (single) {
            skipped.push(roomId);
            this.logger.error(`could not settle group room ${roomId}: ${(single as Error).message}`);
          }
        }
      }
    }
    await this.closer.askOverdueRefunds(this.clock.now());
    return total;
  }
}
