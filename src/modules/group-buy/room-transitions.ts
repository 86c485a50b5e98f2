import { Injectable } from '@nestjs/common';
import { Db } from '../../platform/database/db';
import { OutboxService } from '../../platform/outbox/outbox.service';
import { memberStatesLeadingTo } from './domain/member-status';
import { RefundEffect } from './domain/payment-effects';
import { roomStatesLeadingTo } from './domain/room-status';
import { GroupRoomMember } from './entities/group-room-member.entity';

/** Published when this module frees a held seat whose order may still be payable: the order is cancelled. */
export const HOLD_RELEASED = 'group-buy.hold-released';

export interface HoldReleased extends Record<string, unknown> {
  roomId: string;
  orderId: string;
}

/** Which held seats to free. */
export type HoldsToFree =
  | { memberId: string }
  | { roomIds: string[] }
  /** Held seats of a room whose orders are past their deadline. */
  | { roomId: string; expiredBefore: Date };

export interface RefundClaim {
  memberId: string;
  roomId: string;
  orderId: string;
}

/**
 * Each move of a room or a seat as one conditional UPDATE naming the states it leaves, with the seat counters
 * that move with it. Callers hold the room row lock (GroupRoomsRepository.lock or claimDue), so counters and
 * member rows of one room never change in two transactions at once.
 */
@Injectable()
export class RoomTransitions {
  constructor(
    private readonly db: Db,
    private readonly outbox: OutboxService,
  ) {}

  /** pending → open: the leader paid. */
  async open(roomId: string, paidAt: Date, expiresAt: Date, now: Date): Promise<boolean> {
    const moved = await this.db.query(
      `UPDATE group_rooms SET status = 'open', opened_at = $2, expires_at = $3, updated_at = $4
       WHERE id = $1 AND status = ANY($5) RETURNING id`,
      [roomId, paidAt, expiresAt, now, roomStatesLeadingTo('open')],
    );
    return moved.length > 0;
  }

  /**
   * open → completed | failed, pending → cancelled, for many rooms at once; returns the ids that moved.
   * `virtual`: a completion without every seat paid, the missing ones reported as virtual.
   */
  async close(
    roomIds: string[],
    to: 'completed' | 'failed' | 'cancelled',
    now: Date,
    virtual = false,
  ): Promise<string[]> {
    if (roomIds.length === 0) return [];
    const rows = await this.db.query<{ id: string }>(
      `UPDATE group_rooms SET status = $2, closed_at = $3, updated_at = $3
         ${virtual ? ', virtual_seats = group_size - seats_paid' : ''}
       WHERE id = ANY($1) AND status = ANY($4) RETURNING id`,
      [roomIds, to, now, roomStatesLeadingTo(to)],
    );
    return rows.map((row) => row.id);
  }

  /** One more seat taken, only while the room is open, before its deadline, with a free seat. */
  async takeSeat(roomId: string, now: Date): Promise<boolean> {
    const moved = await this.db.query(
      `UPDATE group_rooms SET seats_taken = seats_taken + 1, updated_at = $2
       WHERE id = $1 AND status = 'open' AND expires_at > $2 AND seats_taken < group_size RETURNING id`,
      [roomId, now],
    );
    return moved.length > 0;
  }

  /** holding → paid, and the room's paid count with it. Returns the room's counts after, or null if it did not move. */
  async payHeldSeat(
    member: GroupRoomMember,
    paidAt: Date,
    now: Date,
  ): Promise<{ seatsPaid: number; groupSize: number } | null> {
    const moved = await this.db.query(
      `UPDATE group_room_members SET status = 'paid', paid_at = $2 WHERE id = $1 AND status = ANY($3) RETURNING id`,
      [member.id, paidAt, memberStatesLeadingTo('paid')],
    );
    if (moved.length === 0) return null;
    const [room] = await this.db.query<{ seats_paid: number; group_size: number }>(
      `UPDATE group_rooms SET seats_paid = seats_paid + 1, updated_at = $2 WHERE id = $1
       RETURNING seats_paid, group_size`,
      [member.roomId, now],
    );
    return { seatsPaid: room.seats_paid, groupSize: room.group_size };
  }

  /**
   * holding → released for the chosen seats, giving them back to their rooms. With `cancelOrders`, each freed
   * seat's order is cancelled through the outbox (it may still be payable; if it gets paid anyway, the money
   * is refunded when the payment event finds the seat released).
   */
  async releaseHolds(which: HoldsToFree, reason: string, now: Date, cancelOrders: boolean): Promise<HoldReleased[]> {
    const [condition, parameter] =
      'memberId' in which
        ? ['id = $3', which.memberId]
        : 'roomIds' in which
          ? ['room_id = ANY($3)', which.roomIds]
          : ['room_id = $3 AND hold_until < $4', which.roomId];
    const parameters: unknown[] = [now, reason, parameter];
    if ('expiredBefore' in which) parameters.push(which.expiredBefore);
    const freed = await this.db.query<{ room_id: string; order_id: string }>(
      `WITH freed AS (
         UPDATE group_room_members SET status = 'released', released_at = $1, release_reason = $2
         WHERE ${condition} AND status = 'holding' RETURNING room_id, order_id),
       counts AS (SELECT room_id, count(*)::int AS n FROM freed GROUP BY room_id),
       seats AS (
         UPDATE group_rooms r SET seats_taken = r.seats_taken - counts.n, updated_at = $1
         FROM counts WHERE r.id = counts.room_id RETURNING r.id)
       SELECT room_id, order_id FROM freed`,
      parameters,
    );
    const released = freed.map((row) => ({ roomId: row.room_id, orderId: row.order_id }));
    if (cancelOrders) for (const hold of released) await this.outbox.publish(HOLD_RELEASED, hold);
    return released;
  }

  /** → refunded (from holding, paid or released), giving back the seats the effect says, while the room is open. */
  async refundMember(member: GroupRoomMember, effect: RefundEffect, now: Date): Promise<boolean> {
    const moved = await this.db.query(
      `UPDATE group_room_members SET status = 'refunded', refunded_at = $2 WHERE id = $1 AND status = ANY($3)
       RETURNING id`,
      [member.id, now, memberStatesLeadingTo('refunded')],
    );
    if (moved.length === 0) return false;
    if (effect.seatsTakenFreed > 0 || effect.seatsPaidFreed > 0) {
      await this.db.query(
        `UPDATE group_rooms SET seats_taken = seats_taken - $2, seats_paid = seats_paid - $3, updated_at = $4
         WHERE id = $1 AND status IN ('pending', 'open')`,
        [member.roomId, effect.seatsTakenFreed, effect.seatsPaidFreed, now],
      );
    }
    return true;
  }

  /** Partial refunds seen so far (the most the order has reported). */
  async noteRefunded(memberId: string, refundedFen: number): Promise<void> {
    await this.db.query(`UPDATE group_room_members SET refunded_fen = GREATEST(refunded_fen, $2) WHERE id = $1`, [
      memberId,
      refundedFen,
    ]);
  }

  /**
   * Marks the money of the chosen members as asked back, once: only rows not marked before are returned, so a
   * refund is requested at most once per member whatever runs twice.
   */
  async claimRefunds(
    which: { roomIds: string[]; status: 'paid' } | { memberId: string },
    now: Date,
  ): Promise<RefundClaim[]> {
    const [condition, parameter] =
      'memberId' in which ? ['id = $2', which.memberId] : [`room_id = ANY($2) AND status = 'paid'`, which.roomIds];
    const rows = await this.db.query<{ id: string; room_id: string; order_id: string }>(
      `UPDATE group_room_members SET refund_requested_at = $1
       WHERE ${condition} AND refund_requested_at IS NULL
       RETURNING id, room_id, order_id`,
      [now, parameter],
    );
    return rows.map((row) => ({ memberId: row.id, roomId: row.room_id, orderId: row.order_id }));
  }
}
