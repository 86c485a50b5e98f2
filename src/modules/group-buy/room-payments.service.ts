import { Injectable, OnModuleInit } from '@nestjs/common';
import { Clock } from '../../platform/clock/clock';
import { Db } from '../../platform/database/db';
import { TransactionEvents } from '../../platform/events/transaction-events';
import { OutboxService } from '../../platform/outbox/outbox.service';
import { ORDER_CANCELLED, ORDER_PAID, ORDER_REFUNDED, OrderEvent } from '../orders/order-transitions';
import { OrdersService } from '../orders/orders.service';
import { roomDeadline } from './domain/deadlines';
import { fillsRoom } from './domain/join-rules';
import { effectOfPayment, effectOfRefund } from './domain/payment-effects';
import { GroupRoomMember } from './entities/group-room-member.entity';
import { GroupRoom } from './entities/group-room.entity';
import { GroupBuyCampaignsRepository } from './group-buy-campaigns.repository';
import { GroupRoomMembersRepository } from './group-room-members.repository';
import { GroupRoomsRepository } from './group-rooms.repository';
import { RoomCloser } from './room-closer';
import { HOLD_RELEASED, HoldReleased, RoomTransitions } from './room-transitions';

type PaidEvent = OrderEvent & { paidAt?: string };
type CancelledEvent = OrderEvent & { reason?: string };
type RefundedEvent = OrderEvent & { refundedFen: number };

/**
 * Payment events drive the rooms, inside the order's transaction (every effect is still a conditional move, so a
 * repeated event changes nothing). Each is applied with the room row locked, so it serializes with joins and the
 * expiry job. Cancelling the order of a seat the room freed calls the gateway, so that one goes through the outbox.
 */
@Injectable()
export class RoomPaymentsService implements OnModuleInit {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly events: TransactionEvents,
    private readonly outbox: OutboxService,
    private readonly orders: OrdersService,
    private readonly rooms: GroupRoomsRepository,
    private readonly members: GroupRoomMembersRepository,
    private readonly campaigns: GroupBuyCampaignsRepository,
    private readonly transitions: RoomTransitions,
    private readonly closer: RoomCloser,
  ) {}

  onModuleInit(): void {
    this.events.on<PaidEvent>(ORDER_PAID, 'group-buy.seat-paid', (order) => this.onPaid(order));
    this.events.on<CancelledEvent>(ORDER_CANCELLED, 'group-buy.seat-freed', (order) => this.onCancelled(order));
    this.events.on<RefundedEvent>(ORDER_REFUNDED, 'group-buy.seat-refunded', (order) => this.onRefunded(order));
    this.outbox.subscribe<HoldReleased>(HOLD_RELEASED, 'group-buy.cancel-order', (event) =>
      this.orders.cancelUnpaid(event.payload.orderId, 'closed').then(() => undefined),
    );
  }

  /**
   * What a payment does to its seat, the room locked by the caller: the leader's opens the room, a member's
   * pays the seat and may complete the room, money for a seat that is gone goes back.
   */
  private async applyPaid(room: GroupRoom, member: GroupRoomMember, paidAt: Date): Promise<void> {
    const now = this.clock.now();
    switch (effectOfPayment(member, room, paidAt)) {
      case 'ignore':
        return;
      case 'open_room': {
        const campaign = await this.campaigns.find(room.campaignId);
        await this.transitions.payHeldSeat(member, paidAt, now);
        await this.transitions.open(room.id, paidAt, roomDeadline(paidAt, campaign!.completionWindowSeconds), now);
        return;
      }
      case 'seat_paid': {
        const seats = await this.transitions.payHeldSeat(member, paidAt, now);
        if (seats && fillsRoom(seats.seatsPaid, seats.groupSize)) await this.closer.complete([room.id], now);
        return;
      }
      case 'refund':
        // The order is paid, so its hold (if still held) is freed without cancelling it; the money goes back.
        if (member.status === 'holding')
          await this.transitions.releaseHolds({ memberId: member.id }, 'room_closed', now, false);
        await this.closer.refundVoidSeat(member.id, room.merchantId, now);
        return;
    }
  }

  private async onPaid(order: PaidEvent): Promise<void> {
    const { paidAt } = order;
    await this.withSeat(order, (room, member) =>
      this.applyPaid(room, member, paidAt ? new Date(paidAt) : this.clock.now()),
    );
  }

  /** An order cancelled or expired unpaid frees its held seat; a pending room whose leader's order it was is cancelled. */
  private async onCancelled(order: CancelledEvent): Promise<void> {
    await this.withSeat(order, async (room, member) => {
      if (member.status !== 'holding') return;
      const now = this.clock.now();
      await this.transitions.releaseHolds({ memberId: member.id }, order.reason ?? 'cancelled', now, false);
      if (member.role === 'leader' && room.status === 'pending') await this.closer.cancel([room.id], now);
    });
  }

  /** A full refund ends the member `refunded`, and frees the seat while the room is open. */
  private async onRefunded(order: RefundedEvent): Promise<void> {
    const { refundedFen, totalFen } = order;
    await this.withSeat(order, async (room, member) => {
      await this.transitions.noteRefunded(member.id, refundedFen);
      const effect = effectOfRefund(member, room, { totalFen, refundedFen });
      if (effect.memberRefunded) await this.transitions.refundMember(member, effect, this.clock.now());
    });
  }

  /** Runs `work` on the seat an order pays for, with its room locked; orders of other kinds are not ours. */
  private async withSeat(
    event: OrderEvent,
    work: (room: GroupRoom, member: GroupRoomMember) => Promise<void>,
  ): Promise<void> {
    if (event.kind !== 'group_buy') return;
    const seat = await this.members.findByOrder(event.orderId);
    if (!seat) return;
    await this.db.transaction(async () => {
      const room = await this.rooms.lock(seat.roomId);
      const member = await this.members.findById(seat.id);
      if (room && member) await work(room, member);
    });
  }
}
