import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ShopperAuth } from '../../platform/auth/auth.decorators';
import { CurrentShopper, ShopperCaller } from '../../platform/auth/caller';
import { ApiErrorResponses } from '../../platform/http/api-error-responses';
import { PageQuery } from '../../platform/http/pagination';
import { Idempotent } from '../../platform/idempotency/idempotent.decorator';
import { CreateOrderDto, OrderDetailDto, OrderDto, OrderPageDto } from './dto/order.dto';
import { OrdersService } from './orders.service';

@ApiTags('orders')
@ShopperAuth()
@Controller('v1')
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Post('orders')
  @Idempotent({ ownTransactions: true })
  @ApiCreatedResponse({ type: OrderDto })
  @ApiErrorResponses('NOT_FOUND', 'COUPON_NOT_APPLICABLE', 'GIFT_CARD_NOT_USABLE', 'PAYMENT_PROVIDER_UNAVAILABLE')
  create(@CurrentShopper() shopper: ShopperCaller, @Body() body: CreateOrderDto): Promise<OrderDto> {
    return this.orders.placeStandardOrder(shopper, body);
  }

  @Get('orders/:id')
  @ApiOkResponse({ type: OrderDetailDto, description: 'With its refunds' })
  @ApiErrorResponses('UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'PAYMENT_PROVIDER_UNAVAILABLE')
  get(@CurrentShopper() shopper: ShopperCaller, @Param('id') id: string): Promise<OrderDetailDto> {
    return this.orders.getForShopper(shopper.userId, id);
  }

  @Get('me/orders')
  @ApiOkResponse({ type: OrderPageDto })
  list(@CurrentShopper() shopper: ShopperCaller, @Query() query: PageQuery): Promise<OrderPageDto> {
    return this.orders.listForShopper(shopper.userId, query);
  }

  @Post('orders/:id/cancel')
  @HttpCode(200)
  @ApiOkResponse({ type: OrderDto })
  @ApiErrorResponses('ORDER_NOT_CANCELLABLE', 'PAYMENT_PROVIDER_UNAVAILABLE')
  cancel(@CurrentShopper() shopper: ShopperCaller, @Param('id') id: string): Promise<OrderDto> {
    return this.orders.cancelForShopper(shopper.userId, id);
  }
}
