import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ShopperAuth } from '../../platform/auth/auth.decorators';
import { CurrentShopper, ShopperCaller } from '../../platform/auth/caller';
import { Idempotent } from '../../platform/idempotency/idempotent.decorator';
import { ApiErrorResponses } from '../../platform/http/api-error-responses';
import { JoinRoomDto } from './dto/join-room.dto';
import { RoomDto, RoomWithOrderDto } from './dto/room.dto';
import { GroupRoomEntryService } from './group-room-entry.service';
import { GroupRoomViewsService } from './group-room-views.service';

@ApiTags('group-buys')
@ShopperAuth()
@Controller('v1/group-rooms')
export class GroupRoomsController {
  constructor(
    private readonly views: GroupRoomViewsService,
    private readonly entry: GroupRoomEntryService,
  ) {}

  /** What a shared link opens. */
  @Get('by-share/:shareToken')
  @ApiOkResponse({ type: RoomDto })
  byShare(@CurrentShopper() shopper: ShopperCaller, @Param('shareToken') shareToken: string): Promise<RoomDto> {
    return this.views.byShareToken(shareToken, shopper.userId);
  }

  @Get(':id')
  @ApiOkResponse({ type: RoomDto })
  get(@CurrentShopper() shopper: ShopperCaller, @Param('id') id: string): Promise<RoomDto> {
    return this.views.get(id, shopper.userId);
  }

  /** The headers are set once the code exists, so a refusal still leaves as a JSON error. */
  @Get(':id/qrcode')
  @ApiProduces('image/png')
  @ApiOkResponse({
    description: 'A QR code of SHARE_LINK_BASE + the share token',
    schema: { type: 'string', format: 'binary' },
  })
  async qrCode(@Param('id') id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    const png = await this.views.qrCode(id);
    void reply.header('content-type', 'image/png').header('cache-control', 'private, max-age=3600');
    return png;
  }

  @Post(':id/join')
  @Idempotent({ ownTransactions: true })
  @ApiCreatedResponse({ type: RoomWithOrderDto })
  @ApiErrorResponses(
    'GROUP_BUY_NOT_ACTIVE',
    'GROUP_ROOM_NOT_OPEN',
    'GROUP_ROOM_FULL',
    'GROUP_ALREADY_MEMBER',
    'PAYMENT_PROVIDER_UNAVAILABLE',
  )
  join(
    @CurrentShopper() shopper: ShopperCaller,
    @Param('id') id: string,
    @Body() body: JoinRoomDto,
  ): Promise<RoomWithOrderDto> {
    return this.entry.join(shopper, id, body?.shareToken);
  }
}
