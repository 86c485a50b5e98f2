import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { MerchantAuth } from '../../platform/auth/auth.decorators';
import { CurrentMerchant } from '../../platform/auth/caller';
import { ApiErrorResponses } from '../../platform/http/api-error-responses';
import { MerchantRoomPageDto, RoomListQuery } from './dto/merchant-room.dto';
import { GroupRoomViewsService } from './group-room-views.service';

/** The rooms of a merchant's group-buy, for the console: who opened and joined them, and their QR codes. */
@ApiTags('merchant: group-buys')
@MerchantAuth()
@Controller('v1/merchant/group-buys/:id/rooms')
export class MerchantGroupRoomsController {
  constructor(private readonly views: GroupRoomViewsService) {}

  @Get()
  @ApiOkResponse({ type: MerchantRoomPageDto, description: 'Newest first, each with its members and their orders' })
  @ApiErrorResponses('VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND')
  list(
    @CurrentMerchant() merchantId: string,
    @Param('id') id: string,
    @Query() query: RoomListQuery,
  ): Promise<MerchantRoomPageDto> {
    return this.views.merchantPage(merchantId, id, query);
  }

  /** As the shoppers' route; the headers are set once the code exists, so a refusal still leaves as a JSON error. */
  @Get(':roomId/qrcode')
  @ApiProduces('image/png')
  @ApiOkResponse({
    description: 'A QR code of SHARE_LINK_BASE + the share token',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiErrorResponses('UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND')
  async qrCode(
    @CurrentMerchant() merchantId: string,
    @Param('id') id: string,
    @Param('roomId') roomId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const png = await this.views.merchantQrCode(merchantId, id, roomId);
    void reply.header('content-type', 'image/png').header('cache-control', 'private, max-age=3600');
    return png;
  }
}
