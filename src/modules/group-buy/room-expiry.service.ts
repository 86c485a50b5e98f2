import { Injectable } from '@nestjs/common';
import { Clock } from '../../platform/clock/clock';
import { Db } from '../../platform/database/db';
import { expiryOutcome } from './domain/expiry-outcome';
import { GroupRoom } from './entities/group-room.entity';
import { GroupBuyCampaignsRepository } from './group-buy-campaigns.repository';
import { GroupRoomsRepository } from './group-rooms.repository';
import { RoomCloser } from './room-closer';
import { RoomSweepError } from './room-sweep.error';

export interface SweepResult {
  /** Rooms claimed (past their deadline). */
  claimed: number;
  failed: number;
  completed: number;
  cancelled: number;
  refundsRequested: number;
}

/**
 * What happens to rooms past their deadline: an open room fails and refunds its paid members (or completes as
 * it stands with virtualCompletion); a pending room whose leader never paid is cancelled. Rooms are claimed
 * with FOR UPDATE SKIP LOCKED, a batch per transaction, so instances never work on the same room.
 */
@Injectable()
export class RoomExpiryService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly rooms: GroupRoomsRepository,
    private readonly campaigns: GroupBuyCampaignsRepository,
    private readonly closer: RoomCloser,
  ) {}

  /** Claims and settles up to `batch` open and `batch` pending rooms past their deadline, in one transaction. */
  async sweep(batch: number, exclude: string[] = []): Promise<SweepResult> {
    let claimed: string[] = [];
    try {
      return await this.db.transaction(async () => {
        const now = this.clock.now();
        const due = [
          ...(await this.rooms.claimDue('open', now, batch, exclude)),
          ...(await this.rooms.claimDue('pending', now, batch, exclude)),
        ];
        claimed = due.map((room) => room.id);
        return this.settle(due, now);
      });
    } catch (error) {
      if (claimed.length > 0) throw new RoomSweepError(claimed, error);
      throw error;
    }
  }

  /** Settles one room if it is past its deadline (a leader opening a new room, a job retrying one room alone). */
  settleRoom(roomId: string): Promise<SweepResult> {
    return this.db.transaction(async () => {
      const room = await this.rooms.lock(roomId);
      return this.settle(room ? [room] : [], this.clock.now());
    });
  }

  /** The rooms are locked by the caller. */
  private async settle(claimed: GroupRoom[], now: Date): Promise<SweepResult> {
    const result: SweepResult = { claimed: claimed.length, failed: 0, completed: 0, cancelled: 0, refundsRequested: 0 };
    if (claimed.length === 0) return result;
    // A seat paid in time is already `paid` here: its payment moved it in the order's own transaction.
    const rooms = claimed;
    const campaigns = new Map(
      (await this.campaigns.findMany([...new Set(rooms.map((room) => room.campaignId))])).map((c) => [c.id, c]),
    );
    const toFail: GroupRoom[] = [];
    const toComplete: string[] = [];
    const toCompleteVirtually: string[] = [];
    const toCancel: string[] = [];
    for (const room of rooms) {
      const outcome = expiryOutcome(room, campaigns.get(room.campaignId)?.virtualCompletion ?? false, now);
      if (outcome?.to === 'failed') toFail.push(room);
      else if (outcome?.to === 'completed') (outcome.virtualSeats > 0 ? toCompleteVirtually : toComplete).push(room.id);
      else if (outcome?.to === 'cancelled') toCancel.push(room.id);
    }
    result.refundsRequested = await this.closer.fail(toFail, now);
    result.failed = toFail.length;
    result.completed = (await this.closer.complete(toComplete, now)).length;
    result.completed += (await this.closer.complete(toCompleteVirtually, now, true)).length;
    result.cancelled = (await this.closer.cancel(toCancel, now)).length;
    return result;
  }
}
