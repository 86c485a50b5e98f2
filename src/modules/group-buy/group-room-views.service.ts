import { Inject, Injectable } from '@nestjs/common';
import { toBuffer } from 'qrcode';
import { Clock } from '../../platform/clock/clock';
import { notFound } from '../../platform/errors/domain-error';
import { isOpaqueId } from '../../platform/http/ids';
import { decodeCursor, Page, pageLimit, toPage } from '../../platform/http/pagination';
import { RUNTIME, Runtime } from '../../platform/runtime/runtime';
import { acceptsJoinsAt } from './domain/deadlines';
import { isShareTokenShaped, shareLinkFor } from './domain/share-token';
import { MerchantRoomDto, RoomListQuery } from './dto/merchant-room.dto';
import { RoomDto } from './dto/room.dto';
import { GroupRoom } from './entities/group-room.entity';
import { GroupBuyCampaignsRepository } from './group-buy-campaigns.repository';
import { GroupRoomMembersRepository } from './group-room-members.repository';
import { GroupRoomsRepository } from './group-rooms.repository';

/**
 * What shoppers see of rooms. Any signed-in shopper may look at a room (that is how sharing works), but members
 * are shown as the mini-program renders them: user id, role, status, joined time and a masked openid. The
 * merchant sees its campaigns' rooms the same way, with each member's order.
 */
@Injectable()
export class GroupRoomViewsService {
  private readonly shareLinkBase: string;

  constructor(
    private readonly clock: Clock,
    private readonly rooms: GroupRoomsRepository,
    private readonly members: GroupRoomMembersRepository,
    private readonly campaigns: GroupBuyCampaignsRepository,
    @Inject(RUNTIME) runtime: Runtime,
  ) {
    this.shareLinkBase = runtime.config.shareLinkBase;
  }

  async get(roomId: string, viewerId: string): Promise<RoomDto> {
    return this.view(await this.find(roomId), viewerId);
  }

  /** What a shared link opens. A shopper other than the leader opening it counts as a share reached (once per room). */
  async byShareToken(shareToken: string, viewerId: string): Promise<RoomDto> {
    const room = isShareTokenShaped(shareToken) ? await this.rooms.findByShareToken(shareToken) : null;
    if (!room) throw notFound('Group room');
    if (room.leaderUserId !== viewerId) await this.rooms.recordShareOpen(room, viewerId, this.clock.now());
    return this.view(room, viewerId);
  }

  /** A PNG QR code of the room's share link. */
  async qrCode(roomId: string): Promise<Buffer> {
    return this.png(await this.find(roomId));
  }

  private png(room: GroupRoom): Promise<Buffer> {
    return toBuffer(shareLinkFor(this.shareLinkBase, room.shareToken), {
      type: 'png',
      errorCorrectionLevel: 'M',
      margin: 2,
      width: 360,
    });
  }

  async view(room: GroupRoom, viewerId: string): Promise<RoomDto> {
    const members = await this.members.forRoom(room.id);
    return {
      ...this.roomFields(room, this.clock.now()),
      members: members.map((member) => ({
        userId: member.userId,
        role: member.role,
        status: member.status,
        joinedAt: member.joinedAt.toISOString(),
        display: member.display,
        isYou: member.userId === viewerId,
      })),
    };
  }

  /** A campaign's rooms for its merchant, newest first, each with its members and their orders. */
  async merchantPage(merchantId: string, campaignId: string, query: RoomListQuery): Promise<Page<MerchantRoomDto>> {
    const campaign = isOpaqueId(campaignId) ? await this.campaigns.find(campaignId, merchantId) : null;
    if (!campaign) throw notFound('Group-buy');
    const limit = pageLimit(query);
    const rows = await this.rooms.listForCampaign(campaign.id, query.status, decodeCursor(query.cursor), limit + 1);
    const members = await this.members.forRooms(rows.slice(0, limit).map((room) => room.id));
    const now = this.clock.now();
    return toPage(rows, limit, (room) => ({
      ...this.roomFields(room, now),
      members: members.get(room.id)!.map((member) => ({
        userId: member.userId,
        role: member.role,
        status: member.status,
        joinedAt: member.joinedAt.toISOString(),
        display: member.display,
        orderId: member.orderId,
      })),
    }));
  }

  /** The QR code of a room of one of the merchant's campaigns (what its leader shares). */
  async merchantQrCode(merchantId: string, campaignId: string, roomId: string): Promise<Buffer> {
    const room = await this.find(roomId);
    if (room.merchantId !== merchantId || room.campaignId !== campaignId) throw notFound('Group room');
    return this.png(room);
  }

  private roomFields(room: GroupRoom, now: Date): Omit<RoomDto, 'members'> {
    return {
      id: room.id,
      campaignId: room.campaignId,
      status: room.status,
      groupSize: room.groupSize,
      seatsTaken: room.seatsTaken,
      seatsPaid: room.seatsPaid,
      virtualSeats: room.virtualSeats,
      leaderUserId: room.leaderUserId,
      shareToken: room.shareToken,
      shareLink: shareLinkFor(this.shareLinkBase, room.shareToken),
      expiresAt: room.expiresAt?.toISOString() ?? null,
      joinable:
        room.status === 'open' &&
        room.expiresAt !== null &&
        acceptsJoinsAt(room.expiresAt, now) &&
        room.seatsTaken < room.groupSize,
      createdAt: room.createdAt.toISOString(),
      closedAt: room.closedAt?.toISOString() ?? null,
    };
  }

  private async find(roomId: string): Promise<GroupRoom> {
    const room = isOpaqueId(roomId) ? await this.rooms.find(roomId) : null;
    if (!room) throw notFound('Group room');
    return room;
  }
}
