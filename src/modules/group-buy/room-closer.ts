import { Injectable, Logger } from '@nestjs/common';
import { Db } from '../../platform/database/db';
import { OrderRefundsService } from '../orders/order-refunds.service';
import { failedRoomRefundKey, voidSeatRefundKey } from './domain/refund-keys';
import { WebhookEvents } from '../webhooks/webhook-events.service';
import { RefundClaim, RoomTransitions } from './room-transitions';

/** A failed room's refunds still owed this long after they were claimed are asked again (askOverdueRefunds). */
export const REFUND_RETRY_AFTER_MS = 60_000;
const OVERDUE_BATCH = 100;

/**
 * Closing rooms and giving money back. Callers hold the rooms' row locks. Outstanding holds of a closed room
 * are freed and their orders cancelled; the paid members of a failed room get back all that is still refundable of
 * their orders (what a merchant's partial refund, settled or in flight, already returns is not asked twice), once.
 */
@Injectable()
export class RoomCloser {
  private readonly logger = new Logger(RoomCloser.name);

  constructor(
    private readonly db: Db,
    private readonly transitions: RoomTransitions,
    private readonly refunds: OrderRefundsService,
    private readonly webhooks: WebhookEvents,
  ) {}

  /** open → completed (`virtual`: as it stands, past its deadline); returns the ids that moved. */
  async complete(roomIds: string[], now: Date, virtual = false): Promise<string[]> {
    const moved = await this.transitions.close(roomIds, 'completed', now, virtual);
    if (moved.length) {
      await this.announce(moved, 'group_room.completed');
      await this.transitions.releaseHolds({ roomIds: moved }, 'room_closed', now, true);
    }
    return moved;
  }

  /** pending → cancelled. */
  async cancel(roomIds: string[], now: Date): Promise<string[]> {
    const moved = await this.transitions.close(roomIds, 'cancelled', now);
    if (moved.length) await this.transitions.releaseHolds({ roomIds: moved }, 'room_closed', now, true);
    return moved;
  }

  /**
   * open → failed, and every paid member's money back, each exactly once. Returns the refunds claimed. The claims
   * commit with the failure; the refunds are asked once it has committed, each in its own transaction: asking
   * locks the member's order, and a refund settling on that order locks the order and then the room, so asking
   * while this room is locked could deadlock. A claim whose asking is lost (a crash) is asked by askOverdueRefunds.
   */
  async fail(rooms: Array<{ id: string; merchantId: string }>, now: Date): Promise<number> {
    const moved = await this.transitions.close(
      rooms.map((room) => room.id),
      'failed',
      now,
    );
    if (moved.length === 0) return 0;
    await this.announce(moved, 'group_room.failed');
    await this.transitions.releaseHolds({ roomIds: moved }, 'room_closed', now, true);
    const merchantOf = new Map(rooms.map((room) => [room.id, room.merchantId]));
    const claims = await this.transitions.claimRefunds({ roomIds: moved, status: 'paid' }, now);
    if (claims.length > 0) {
      this.db.afterCommit(() =>
        this.askFailedRoomRefunds(claims.map((claim) => ({ ...claim, merchantId: merchantOf.get(claim.roomId)! }))),
      );
    }
    return claims.length;
  }

  /**
   * Tells the merchants' systems, in the closing transaction (paid members are read before holds are freed). A
   * sweep closes many rooms, mostly of merchants without endpoints: their rooms are not read at all.
   */
  private async announce(roomIds: string[], type: 'group_room.completed' | 'group_room.failed'): Promise<void> {
    const merchantOf = await this.transitions.merchantsOf(roomIds);
    const listening = new Set<string>();
    for (const merchantId of new Set(merchantOf.values())) {
      if (await this.webhooks.listens(merchantId, type)) listening.add(merchantId);
    }
    const told = roomIds.filter((id) => listening.has(merchantOf.get(id)!));
    if (told.length === 0) return;
    for (const { merchantId, ...room } of await this.transitions.closedRooms(told)) {
      await this.webhooks.record(merchantId, type, room);
    }
  }

  /** Asks again the failed rooms' refunds claimed long ago whose members are still paid; returns how many. */
  async askOverdueRefunds(now: Date): Promise<number> {
    const before = new Date(now.getTime() - REFUND_RETRY_AFTER_MS);
    const claims = await this.db.transaction(() => this.transitions.claimOverdueRefunds(before, now, OVERDUE_BATCH));
    await this.askFailedRoomRefunds(claims);
    return claims.length;
  }

  /** One transaction per refund, no room locked; a failure is logged and left to askOverdueRefunds. */
  private async askFailedRoomRefunds(claims: Array<RefundClaim & { merchantId: string }>): Promise<void> {
    for (const claim of claims) {
      try {
        await this.refund(claim, claim.merchantId, failedRoomRefundKey, 'Group-buy room did not fill in time');
      } catch (error) {
        this.logger.warn(`refund of order ${claim.orderId} (room ${claim.roomId}) not asked yet: ${String(error)}`);
      }
    }
  }

  /** Money that arrived for a seat that is no longer there goes back in full, once. */
  async refundVoidSeat(memberId: string, merchantId: string, now: Date): Promise<void> {
    const [claim] = await this.transitions.claimRefunds({ memberId }, now);
    if (claim) await this.refund(claim, merchantId, voidSeatRefundKey, 'Group-buy seat no longer available');
  }

  /** Whatever of the member's order is still refundable (paid less refunds succeeded or in flight), once. */
  private async refund(
    claim: RefundClaim,
    merchantId: string,
    key: (roomId: string, orderId: string) => string,
    reason: string,
  ): Promise<void> {
    await this.refunds.refundRest(
      { id: claim.orderId, merchantId },
      key(claim.roomId, claim.orderId),
      reason,
      'system',
    );
  }
}
