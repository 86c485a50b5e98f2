import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '../../../platform/http/pagination';
import { ROOM_STATUSES, RoomStatus } from '../domain/room-status';
import { RoomDto, RoomMemberDto } from './room.dto';

/** `GET /v1/merchant/group-buys/:id/rooms?status=`. */
export class RoomListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ROOM_STATUSES })
  @IsOptional()
  @IsIn(ROOM_STATUSES)
  status?: RoomStatus;
}

export class MerchantRoomMemberDto extends OmitType(RoomMemberDto, ['isYou'] as const) {
  @ApiProperty({ description: "The member's group_buy order" }) orderId!: string;
}

/** A room as its merchant sees it: as shoppers do, with each member's order and no "you". */
export class MerchantRoomDto extends OmitType(RoomDto, ['members'] as const) {
  @ApiProperty({ type: [MerchantRoomMemberDto], description: 'In joining order' }) members!: MerchantRoomMemberDto[];
}

export class MerchantRoomPageDto {
  @ApiProperty({ type: [MerchantRoomDto] }) items!: MerchantRoomDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
