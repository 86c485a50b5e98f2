import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { MerchantAuth } from '../../platform/auth/auth.decorators';
import { CurrentMerchant } from '../../platform/auth/caller';
import { Idempotent } from '../../platform/idempotency/idempotent.decorator';
import { CreateRefundDto, RefundDto } from './dto/refund.dto';
import { OrderRefundsService } from './order-refunds.service';

@ApiTags('merchant: orders')
@MerchantAuth()
@Controller('v1/merchant/orders')
export class MerchantOrdersController {
  constructor(private readonly refunds: OrderRefundsService) {}

  @Post(':id/refunds')
  @Idempotent()
  @ApiCreatedResponse({ type: RefundDto })
  refund(
    @CurrentMerchant() merchantId: string,
    @Param('id') id: string,
    @Body() body: CreateRefundDto,
  ): Promise<RefundDto> {
    return this.refunds.requestByMerchant(merchantId, id, body.amountFen, body.reason);
  }
}
