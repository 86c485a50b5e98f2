import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SimulatedPaymentDto, SimulatePaymentDto } from './dto/simulate-payment.dto';
import { SandboxShopper } from './sandbox-shopper.service';

/** Stands in for the shopper's WeChat app, so it takes no credentials: only the sandbox has it. */
@ApiTags('sandbox')
@Controller('v1/sandbox/payments')
export class SandboxShopperController {
  constructor(private readonly shopper: SandboxShopper) {}

  @Post(':outTradeNo/pay')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Simulate the shopper paying (wx.requestPayment)',
    description:
      'Marks the order paid at the sandbox provider; the signed TRANSACTION.SUCCESS notification is then delivered ' +
      'to the notify URL asynchronously. The order itself becomes paid only when that notification is accepted.',
  })
  @ApiAcceptedResponse({ type: SimulatedPaymentDto })
  @ApiNotFoundResponse({ description: 'ORDER_NOT_EXIST: no such out_trade_no at the provider' })
  @ApiConflictResponse({ description: 'ORDER_CLOSED (closed or past time_expire) or ORDER_PAID' })
  async pay(@Param('outTradeNo') outTradeNo: string, @Body() body: SimulatePaymentDto): Promise<SimulatedPaymentDto> {
    const result = body.result ?? 'success';
    await this.shopper.pay(outTradeNo, result);
    return { outTradeNo, result };
  }
}
