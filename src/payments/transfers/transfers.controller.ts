import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ShopperAuth } from '../../platform/auth/auth.decorators';
import { CurrentShopper, ShopperCaller } from '../../platform/auth/caller';
import { PageQuery } from '../../platform/http/pagination';
import { TransferPageDto } from './transfer.dto';
import { TransfersService } from './transfers.service';

@ApiTags('payments')
@ShopperAuth()
@Controller('v1/me/transfers')
export class TransfersController {
  constructor(private readonly transfers: TransfersService) {}

  @Get()
  @ApiOkResponse({ type: TransferPageDto })
  list(@CurrentShopper() shopper: ShopperCaller, @Query() query: PageQuery): Promise<TransferPageDto> {
    return this.transfers.listForShopper(shopper.userId, query);
  }
}
