import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../../platform/clock/clock';
import { Db } from '../../platform/database/db';
import { OrdersService } from '../orders/orders.service';
import { expiryOutcome } from './domain/expiry-outcome';
import { GroupRoom } from './entities/group-room.entity';
import { GroupBuyCampaignsRepository } from './group-buy-campaigns.repository';
import { GroupRoomMembersRepository } from './group-room-members.repository';
import { GroupRoomsRepository } from './group-rooms.repository';
import { RoomCloser } from './room-closer';
import { RoomPaymentsService } from './room-payments.service';
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
  private readonly logger = new Logger(RoomExpiryService.name);

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly orders: OrdersService,
    private readonly rooms: GroupRoomsRepository,
    private readonly members: GroupRoomMembersRepository,
    private readonly campaigns: GroupBuyCampaignsRepository,
    private readonly payments: RoomPaymentsService,
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
    const rooms = await this.applyPaymentsInFlight(claimed);
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

  /**
   * A seat paid in time whose payment event is still in the outbox must count before the room is judged: the
   * orders of held seats are read and any paid one is applied first (its event then finds it done). Orders
   * that are not paid by now never will be: their deadlines are within the room's.
   */
  private async applyPaymentsInFlight(rooms: GroupRoom[]): Promise<GroupRoom[]> {
    const holds = await this.members.holdingIn(rooms.map((room) => room.id));
    if (holds.length === 0) return rooms;
    const byId = new Map(rooms.map((room) => [room.id, room]));
    for (const hold of holds) {
      const order = await this.orders.get(hold.orderId);
      if (order.paidAt === null) continue;
      // Read again: applying an earlier hold of the same room may have moved the room or this seat.
      const room = (await this.rooms.find(hold.roomId)) ?? byId.get(hold.roomId)!;
      const member = (await this.members.findById(hold.id)) ?? hold;
      this.logger.log(`applying payment of order ${hold.orderId} before settling room ${room.id}`);
      await this.payments.applyPaid(room, member, new Date(order.paidAt));
    }
    return this.rooms.findMany(rooms.map((room) => room.id));
  }
}
