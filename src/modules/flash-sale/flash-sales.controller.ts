import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ShopperAuth } from '../../platform/auth/auth.decorators';
import { CurrentShopper, ShopperCaller } from '../../platform/auth/caller';
import { FlashReservationDto, PublicFlashSaleDto } from './dto/flash-sale.dto';
import { FlashSalesService } from './flash-sales.service';

/** Shoppers' reads. The purchase itself is answered in front of Fastify: http/purchase-front-door.ts. */
@ApiTags('flash sales')
@ShopperAuth()
@Controller('v1/flash-sales')
export class FlashSalesController {
  constructor(private readonly sales: FlashSalesService) {}

  @Get('reservations/:id')
  @ApiOkResponse({ type: FlashReservationDto })
  reservation(@CurrentShopper() shopper: ShopperCaller, @Param('id') id: string): Promise<FlashReservationDto> {
    return this.sales.getReservation(shopper.userId, id);
  }

  @Get(':id')
  @ApiOkResponse({ type: PublicFlashSaleDto })
  get(@Param('id') id: string): Promise<PublicFlashSaleDto> {
    return this.sales.getPublic(id);
  }
}
