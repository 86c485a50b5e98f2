import { ApiProperty } from '@nestjs/swagger';
import { OrderDto } from '../../orders/dto/order.dto';
import type { MemberRole, MemberStatus } from '../domain/member-status';
import { ROOM_STATUSES, type RoomStatus } from '../domain/room-status';

export class RoomMemberDto {
  @ApiProperty() userId!: string;
  @ApiProperty({ enum: ['leader', 'member'] }) role!: MemberRole;
  @ApiProperty({ enum: ['holding', 'paid', 'released', 'refunded'] }) status!: MemberStatus;
  @ApiProperty({ format: 'date-time' }) joinedAt!: string;
  @ApiProperty({ description: "What to show for the member: a masked openid such as '***a1b2'" }) display!: string;
  @ApiProperty({ description: 'This member is the caller' }) isYou!: boolean;
}

export class RoomDto {
  @ApiProperty() id!: string;
  @ApiProperty() campaignId!: string;
  @ApiProperty({ enum: ROOM_STATUSES }) status!: RoomStatus;
  @ApiProperty({ type: 'integer' }) groupSize!: number;
  @ApiProperty({ type: 'integer', description: 'Held and paid seats' }) seatsTaken!: number;
  @ApiProperty({ type: 'integer' }) seatsPaid!: number;
  @ApiProperty({ type: 'integer', description: 'Seats a virtualCompletion room completed without' })
  virtualSeats!: number;
  @ApiProperty() leaderUserId!: string;
  @ApiProperty() shareToken!: string;
  @ApiProperty({ description: 'SHARE_LINK_BASE + shareToken: what the QR code carries' }) shareLink!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) expiresAt!: string | null;
  @ApiProperty({ description: 'Open, before its deadline, with a free seat' }) joinable!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt!: string | null;
  @ApiProperty({ type: [RoomMemberDto], description: 'In joining order' }) members!: RoomMemberDto[];
}

export class RoomWithOrderDto {
  @ApiProperty({ type: RoomDto }) room!: RoomDto;
  @ApiProperty({ type: OrderDto, description: "The caller's group_buy order for the seat" }) order!: OrderDto;
}
