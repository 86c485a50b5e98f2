import { Injectable } from '@nestjs/common';
import { randomUUID, timingSafeEqual } from 'node:crypto';
import { ShopperCaller } from '../../platform/auth/caller';
import { Clock } from '../../platform/clock/clock';
import { isUniqueViolation } from '../../platform/database/postgres-errors';
import { notFound } from '../../platform/errors/domain-error';
import { isOpaqueId } from '../../platform/http/ids';
import { OrderDto } from '../orders/dto/order.dto';
import type { Order } from '../orders/order.entity';
import { OrdersService } from '../orders/orders.service';
import { closesAt } from '../../platform/campaigns/campaign-status';
import { campaignPhase, leaderPrice } from './domain/campaign-rules';
import { isPast, leaderOrderDeadline, memberOrderDeadline } from './domain/deadlines';
import { joinRefusal } from './domain/join-rules';
import { maskedOpenid } from './domain/member-display';
import { newShareToken } from './domain/share-token';
import { RoomWithOrderDto } from './dto/room.dto';
import { GroupBuyCampaign } from './entities/group-buy-campaign.entity';
import { GroupRoom } from './entities/group-room.entity';
import { GroupBuyCampaignsService } from './group-buy-campaigns.service';
import { alreadyLeading, groupBuyNotActive, joinRefused, roomFull } from './group-buy.errors';
import { GroupRoomMembersRepository } from './group-room-members.repository';
import { GroupRoomViewsService } from './group-room-views.service';
import { GroupRoomsRepository } from './group-rooms.repository';
import { RoomExpiryService } from './room-expiry.service';
import { RoomTransitions } from './room-transitions';

interface Seat {
  room: GroupRoom;
  shopper: ShopperCaller;
  order: Order;
  role: 'leader' | 'member';
  sharedBy: string | null;
}

/**
 * Taking seats: a leader opening a room, a shopper joining one. The seat and its group_buy order are made in
 * one transaction (OrdersService.placeOrder's `within`); the seat is taken with the room row locked and a
 * guarded UPDATE, so a room never has more than groupSize seats taken however many join at once.
 */
@Injectable()
export class GroupRoomEntryService {
  constructor(
    private readonly clock: Clock,
    private readonly orders: OrdersService,
    private readonly campaigns: GroupBuyCampaignsService,
    private readonly rooms: GroupRoomsRepository,
    private readonly members: GroupRoomMembersRepository,
    private readonly transitions: RoomTransitions,
    private readonly expiry: RoomExpiryService,
    private readonly views: GroupRoomViewsService,
  ) {}

  async openRoom(shopper: ShopperCaller, campaignId: string): Promise<RoomWithOrderDto> {
    const campaign = await this.campaigns.find(campaignId);
    const now = this.clock.now();
    this.assertActive(campaign, now);
    await this.assertNotLeading(campaign.id, shopper.userId, now);
    const room: GroupRoom = {
      id: randomUUID(),
      campaignId: campaign.id,
      merchantId: campaign.merchantId,
      leaderUserId: shopper.userId,
      status: 'pending',
      groupSize: campaign.groupSize,
      seatsTaken: 1,
      seatsPaid: 0,
      virtualSeats: 0,
      shareToken: newShareToken(),
      pendingUntil: now, // the leader's order deadline, set once the order is placed
      expiresAt: null,
      openedAt: null,
      closedAt: null,
      createdAt: now,
      updatedAt: now,
    };
    const deadline = (placedAt: Date) => leaderOrderDeadline(placedAt, campaign.paymentWindowSeconds);
    const order = await this.placeOrder(shopper, campaign, leaderPrice(campaign), deadline, async (placed) => {
      room.pendingUntil = placed.expiresAt;
      try {
        await this.rooms.insert(room);
      } catch (error) {
        // Two rooms opened at once by one leader: the partial unique index lets one through.
        if (isUniqueViolation(error, 'uq_group_rooms_active_leader')) throw alreadyLeading();
        throw error;
      }
      await this.insertSeat({ room, shopper, order: placed, role: 'leader', sharedBy: null });
    });
    return { room: await this.views.get(room.id, shopper.userId), order };
  }

  async join(shopper: ShopperCaller, roomId: string, shareToken: string | undefined): Promise<RoomWithOrderDto> {
    const room = isOpaqueId(roomId) ? await this.rooms.find(roomId) : null;
    if (!room) throw notFound('Group room');
    if (shareToken !== undefined && !sameToken(shareToken, room.shareToken)) throw notFound('Group room');
    const campaign = await this.campaigns.find(room.campaignId);
    const now = this.clock.now();
    this.assertActive(campaign, now);
    // Refuse early what is refused anyway, before any payment work.
    await this.assertMayJoin(room, shopper.userId, now);
    const roomExpiresAt = room.expiresAt!;
    const deadline = (placedAt: Date) => memberOrderDeadline(placedAt, campaign.paymentWindowSeconds, roomExpiresAt);
    const sharedBy = shareToken !== undefined ? room.leaderUserId : null;
    const order = await this.placeOrder(shopper, campaign, campaign.groupPriceFen, deadline, async (placed) => {
      const locked = (await this.rooms.lock(room.id))!;
      const at = this.clock.now();
      const reclaimable = await this.assertMayJoin(locked, shopper.userId, at);
      if (reclaimable > 0) {
        await this.transitions.releaseHolds({ roomId: room.id, expiredBefore: at }, 'expired', at, true);
      }
      if (!(await this.transitions.takeSeat(room.id, at))) throw roomFull();
      await this.insertSeat({ room, shopper, order: placed, role: 'member', sharedBy });
    });
    return { room: await this.views.get(room.id, shopper.userId), order };
  }

  private assertActive(campaign: GroupBuyCampaign, now: Date): void {
    // Ended early is ended: the same refusal as past endsAt; rooms already open run on by their own rules.
    const phase = campaignPhase({ startsAt: campaign.startsAt, endsAt: closesAt(campaign) }, now);
    if (phase !== 'active') throw groupBuyNotActive(phase);
  }

  /** A shopper leads one pending or open room per campaign; a led room past its deadline is settled first. */
  private async assertNotLeading(campaignId: string, userId: string, now: Date): Promise<void> {
    let led = await this.rooms.findLed(campaignId, userId);
    const due = led && isPast(led.status === 'pending' ? led.pendingUntil : led.expiresAt!, now);
    if (led && due) {
      await this.expiry.settleRoom(led.id);
      led = await this.rooms.findLed(campaignId, userId);
    }
    if (led) throw alreadyLeading(led.id);
  }

  /** Throws the refusal, if any; returns how many held seats past their deadline a join would take over. */
  private async assertMayJoin(room: GroupRoom, userId: string, now: Date): Promise<number> {
    const alreadyMember = await this.members.isSeated(room.id, userId);
    const reclaimableSeats = room.seatsTaken >= room.groupSize ? await this.members.countReclaimable(room.id, now) : 0;
    const refusal = joinRefusal(room, { alreadyMember, reclaimableSeats }, now);
    if (refusal) throw joinRefused(refusal);
    return reclaimableSeats;
  }

  private placeOrder(
    shopper: ShopperCaller,
    campaign: GroupBuyCampaign,
    unitPriceFen: number,
    expiresAt: (placedAt: Date) => Date,
    within: (order: Order) => Promise<void>,
  ): Promise<OrderDto> {
    return this.orders.placeOrder(
      {
        kind: 'group_buy',
        shopper,
        merchantId: campaign.merchantId,
        lines: [{ productId: campaign.productId, quantity: 1, unitPriceFen }],
        expiresAt,
        description: `${campaign.productName} (group-buy)`,
      },
      within,
    );
  }

  private async insertSeat(seat: Seat): Promise<void> {
    try {
      await this.members.insert({
        id: randomUUID(),
        roomId: seat.room.id,
        campaignId: seat.room.campaignId,
        userId: seat.shopper.userId,
        role: seat.role,
        status: 'holding',
        orderId: seat.order.id,
        amountFen: seat.order.totalFen,
        refundedFen: 0,
        display: maskedOpenid(seat.shopper.openid),
        viaShare: seat.sharedBy !== null,
        sharedByUserId: seat.sharedBy,
        // The seat is held exactly as long as its order can be paid.
        holdUntil: seat.order.expiresAt,
        joinedAt: seat.order.createdAt,
        paidAt: null,
        releasedAt: null,
        releaseReason: null,
        refundRequestedAt: null,
        refundedAt: null,
      });
    } catch (error) {
      if (isUniqueViolation(error, 'uq_group_room_members_seated')) throw joinRefused('GROUP_ALREADY_MEMBER');
      throw error;
    }
  }
}

function sameToken(given: string, actual: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(actual);
  return a.length === b.length && timingSafeEqual(a, b);
}
