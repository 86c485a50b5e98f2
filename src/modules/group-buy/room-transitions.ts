import { Injectable } from '@nestjs/common';
import { Db } from '../../platform/database/db';
import { OutboxService } from '../../platform/outbox/outbox.service';
import { MEMBER_LIFECYCLE } from './domain/member-status';
import { RefundEffect } from './domain/payment-effects';
import { ROOM_LIFECYCLE } from './domain/room-status';
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

export interface ClosedRoom extends Record<string, unknown> {
  roomId: string;
  merchantId: string;
}

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
    const moved = await ROOM_LIFECYCLE.move(this.db, {
      to: 'open',
      where: { id: roomId },
      set: { opened_at: paidAt, expires_at: expiresAt, updated_at: now },
    });
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
    const rows = await ROOM_LIFECYCLE.move(this.db, {
      to,
      where: { id: roomIds },
      set: { closed_at: now, updated_at: now },
    });
    const moved = rows.map((row) => row.id);
    if (virtual && moved.length > 0) {
      await this.db.query(`UPDATE group_rooms SET virtual_seats = group_size - seats_paid WHERE id = ANY($1)`, [moved]);
    }
    return moved;
  }

  /** Each room's merchant. */
  async merchantsOf(roomIds: string[]): Promise<Map<string, string>> {
    const rows = await this.db.query<{ id: string; merchant_id: string }>(
      'SELECT id, merchant_id FROM group_rooms WHERE id = ANY($1)',
      [roomIds],
    );
    return new Map(rows.map((row) => [row.id, row.merchant_id]));
  }

  /** What a merchant's systems hear of closed rooms: the room's counts and its paid members. */
  async closedRooms(roomIds: string[]): Promise<ClosedRoom[]> {
    return this.db.query<ClosedRoom>(
      `SELECT r.id AS "roomId", r.merchant_id AS "merchantId", r.campaign_id AS "campaignId",
              r.leader_user_id AS "leaderShopperId", r.status, r.group_size AS "groupSize",
              r.seats_paid AS "seatsPaid", r.virtual_seats AS "virtualSeats", r.closed_at AS "closedAt",
              coalesce((SELECT json_agg(json_build_object('shopperId', m.user_id, 'orderId', m.order_id,
                                                          'amountFen', m.amount_fen) ORDER BY m.joined_at)
                        FROM group_room_members m WHERE m.room_id = r.id AND m.status = 'paid'), '[]') AS "paidMembers"
       FROM group_rooms r WHERE r.id = ANY($1)`,
      [roomIds],
    );
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
    const moved = await MEMBER_LIFECYCLE.move(this.db, {
      to: 'paid',
      where: { id: member.id },
      set: { paid_at: paidAt },
    });
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
    const release = MEMBER_LIFECYCLE.moveStatement({
      to: 'released',
      where:
        'memberId' in which ? { id: which.memberId } : { room_id: 'roomIds' in which ? which.roomIds : which.roomId },
      also: 'expiredBefore' in which ? { sql: 'hold_until < ?', params: [which.expiredBefore] } : undefined,
      set: { released_at: now, release_reason: reason },
      returning: 'room_id, order_id',
    });
    const nowParameter = `$${release.params.length + 1}`;
    const freed = await this.db.query<{ room_id: string; order_id: string }>(
      `WITH freed AS (${release.sql}),
       counts AS (SELECT room_id, count(*)::int AS n FROM freed GROUP BY room_id),
       seats AS (
         UPDATE group_rooms r SET seats_taken = r.seats_taken - counts.n, updated_at = ${nowParameter}
         FROM counts WHERE r.id = counts.room_id RETURNING r.id)
       SELECT room_id, order_id FROM freed`,
      [...release.params, now],
    );
    const released = freed.map((row) => ({ roomId: row.room_id, orderId: row.order_id }));
    if (cancelOrders) for (const hold of released) await this.outbox.publish(HOLD_RELEASED, hold);
    return released;
  }

  /** → refunded (from holding, paid or released), giving back the seats the effect says, while the room is open. */
  async refundMember(member: GroupRoomMember, effect: RefundEffect, now: Date): Promise<boolean> {
    const moved = await MEMBER_LIFECYCLE.move(this.db, {
      to: 'refunded',
      where: { id: member.id },
      set: { refunded_at: now },
    });
    if (moved.length === 0) return false;
    if (effect.seatsTakenFreed > 0 || effect.seatsPaidFreed > 0) {
      await this.db.query(
        `UPDATE group_rooms SET seats_taken = seats_taken - $2, seats_paid = seats_paid - $3, updated_at = $4
         WHERE id = $1 AND status = ANY($5)`,
        [member.roomId, effect.seatsTakenFreed, effect.seatsPaidFreed, now, ROOM_LIFECYCLE.liveStates],
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

  /**
   * Paid members of failed rooms whose refund was claimed before `before` and who are still `paid` (the refund was
   * never asked, or is still settling): claimed again at `now`, so each is asked again at most once per period, by
   * one instance (SKIP LOCKED). Asking again is harmless: one refund per business key.
   */
  async claimOverdueRefunds(
    before: Date,
    now: Date,
    limit: number,
  ): Promise<Array<RefundClaim & { merchantId: string }>> {
    const rows = await this.db.query<{ id: string; room_id: string; order_id: string; merchant_id: string }>(
      `UPDATE group_room_members m SET refund_requested_at = $1
       FROM group_rooms r
       WHERE m.room_id = r.id AND r.status = 'failed'
         AND m.id IN (SELECT id FROM group_room_members
                      WHERE status = 'paid' AND refund_requested_at IS NOT NULL AND refund_requested_at <= $2
                      ORDER BY refund_requested_at LIMIT ${Number(limit)} FOR UPDATE SKIP LOCKED)
       RETURNING m.id, m.room_id, m.order_id, r.merchant_id`,
      [now, before],
    );
    return rows.map((row) => ({
      memberId: row.id,
      roomId: row.room_id,
      orderId: row.order_id,
      merchantId: row.merchant_id,
    }));
  }
}
