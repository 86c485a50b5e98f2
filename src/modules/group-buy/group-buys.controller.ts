import { Controller, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ShopperAuth } from '../../platform/auth/auth.decorators';
import { CurrentShopper, ShopperCaller } from '../../platform/auth/caller';
import { Idempotent } from '../../platform/idempotency/idempotent.decorator';
import { ApiErrorResponses } from '../../platform/http/api-error-responses';
import { PublicCampaignDto } from './dto/campaign.dto';
import { RoomWithOrderDto } from './dto/room.dto';
import { GroupBuyCampaignsService } from './group-buy-campaigns.service';
import { GroupRoomEntryService } from './group-room-entry.service';

@ApiTags('group-buys')
@ShopperAuth()
@Controller('v1/group-buys')
export class GroupBuysController {
  constructor(
    private readonly campaigns: GroupBuyCampaignsService,
    private readonly entry: GroupRoomEntryService,
  ) {}

  @Get(':id')
  @ApiOkResponse({ type: PublicCampaignDto })
  get(@Param('id') id: string): Promise<PublicCampaignDto> {
    return this.campaigns.getPublic(id);
  }

  /** The caller opens a room as its leader: the leader's seat and group_buy order. */
  @Post(':id/rooms')
  @Idempotent({ ownTransactions: true })
  @ApiCreatedResponse({ type: RoomWithOrderDto })
  @ApiErrorResponses('GROUP_BUY_NOT_ACTIVE', 'GROUP_ALREADY_MEMBER', 'PAYMENT_PROVIDER_UNAVAILABLE')
  openRoom(@CurrentShopper() shopper: ShopperCaller, @Param('id') id: string): Promise<RoomWithOrderDto> {
    return this.entry.openRoom(shopper, id);
  }
}
