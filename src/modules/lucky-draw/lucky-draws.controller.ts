import { Controller, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ShopperAuth } from '../../platform/auth/auth.decorators';
import { CurrentShopper, ShopperCaller } from '../../platform/auth/caller';
import { Idempotent } from '../../platform/idempotency/idempotent.decorator';
import { ApiErrorResponses } from '../../platform/http/api-error-responses';
import { DrawsService } from './draws.service';
import { ChancesDto, DrawDto, MyDrawsDto } from './dto/draw.dto';
import { PublicLuckyDrawDto } from './dto/lucky-draw.dto';
import { LuckyDrawsService } from './lucky-draws.service';

@ApiTags('lucky draws')
@ShopperAuth()
@Controller('v1/lucky-draws')
export class LuckyDrawsController {
  constructor(
    private readonly campaigns: LuckyDrawsService,
    private readonly draws: DrawsService,
  ) {}

  @Get(':id')
  @ApiOkResponse({ type: PublicLuckyDrawDto })
  get(@Param('id') id: string): Promise<PublicLuckyDrawDto> {
    return this.campaigns.getPublic(id);
  }

  @Post(':id/draws')
  @Idempotent()
  @ApiCreatedResponse({ type: DrawDto })
  @ApiErrorResponses('LUCKY_DRAW_NOT_ACTIVE', 'LUCKY_DRAW_NO_CHANCES')
  draw(@CurrentShopper() shopper: ShopperCaller, @Param('id') id: string): Promise<DrawDto> {
    return this.draws.draw(id, shopper);
  }

  @Post(':id/shares')
  @ApiCreatedResponse({ type: ChancesDto, description: 'A share adds a chance today, up to the bonus cap' })
  @ApiErrorResponses('LUCKY_DRAW_NOT_ACTIVE')
  share(@CurrentShopper() shopper: ShopperCaller, @Param('id') id: string): Promise<ChancesDto> {
    return this.draws.share(id, shopper);
  }

  @Get(':id/me')
  @ApiOkResponse({ type: MyDrawsDto })
  mine(@CurrentShopper() shopper: ShopperCaller, @Param('id') id: string): Promise<MyDrawsDto> {
    return this.draws.mine(id, shopper);
  }
}
