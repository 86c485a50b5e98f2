import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ShopperAuth } from '../../platform/auth/auth.decorators';
import { CurrentShopper, ShopperCaller } from '../../platform/auth/caller';
import { PageQuery } from '../../platform/http/pagination';
import { RebatePageDto } from './dto/rebate.dto';
import { RebatesService } from './rebates.service';

@ApiTags('rebates')
@ShopperAuth()
@Controller('v1/me/rebates')
export class RebatesController {
  constructor(private readonly rebates: RebatesService) {}

  @Get()
  @ApiOkResponse({ type: RebatePageDto })
  list(@CurrentShopper() shopper: ShopperCaller, @Query() query: PageQuery): Promise<RebatePageDto> {
    return this.rebates.listForShopper(shopper.userId, query);
  }
}
