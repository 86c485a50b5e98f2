import { Injectable } from '@nestjs/common';
import { OrderRefundsService } from '../orders/order-refunds.service';
import { failedRoomRefundKey, voidSeatRefundKey } from './domain/refund-keys';
import { RefundClaim, RoomTransitions } from './room-transitions';

/**
 * Closing rooms and giving money back. Callers hold the rooms' row locks. Outstanding holds of a closed room
 * are freed and their orders cancelled; the paid members of a failed room get back all that is still refundable of
 * their orders (what a merchant's partial refund, settled or in flight, already returns is not asked twice), once.
 */
@Injectable()
export class RoomCloser {
  constructor(
    private readonly transitions: RoomTransitions,
    private readonly refunds: OrderRefundsService,
  ) {}

  /** open → completed (`virtual`: as it stands, past its deadline); returns the ids that moved. */
  async complete(roomIds: string[], now: Date, virtual = false): Promise<string[]> {
    const moved = await this.transitions.close(roomIds, 'completed', now, virtual);
    if (moved.length) await this.transitions.releaseHolds({ roomIds: moved }, 'room_closed', now, true);
    return moved;
  }

  /** pending → cancelled. */
  async cancel(roomIds: string[], now: Date): Promise<string[]> {
    const moved = await this.transitions.close(roomIds, 'cancelled', now);
    if (moved.length) await this.transitions.releaseHolds({ roomIds: moved }, 'room_closed', now, true);
    return moved;
  }

  /** open → failed, and every paid member's money back, each exactly once. Returns the refunds asked for. */
  async fail(rooms: Array<{ id: string; merchantId: string }>, now: Date): Promise<number> {
    const moved = await this.transitions.close(
      rooms.map((room) => room.id),
      'failed',
      now,
    );
    if (moved.length === 0) return 0;
    await this.transitions.releaseHolds({ roomIds: moved }, 'room_closed', now, true);
    const merchantOf = new Map(rooms.map((room) => [room.id, room.merchantId]));
    const claims = await this.transitions.claimRefunds({ roomIds: moved, status: 'paid' }, now);
    for (const claim of claims) {
      await this.refund(
        claim,
        merchantOf.get(claim.roomId)!,
        failedRoomRefundKey,
        'Group-buy room did not fill in time',
      );
    }
    return claims.length;
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
