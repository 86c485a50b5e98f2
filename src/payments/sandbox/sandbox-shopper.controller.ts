import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OptionalShopperAuth } from '../../platform/auth/auth.decorators';
import { OptionalShopper, ShopperCaller } from '../../platform/auth/caller';
import { ApiErrorResponses } from '../../platform/http/api-error-responses';
import { SimulatedPaymentDto, SimulatePaymentDto } from './dto/simulate-payment.dto';
import { SandboxShopper } from './sandbox-shopper.service';

/**
 * Stands in for the shopper's WeChat app. A shopper token, when sent, says who is paying, as WeChat knows its user;
 * without one the sandbox plays the order's own payer (test harnesses and the contract's first-wave callers).
 */
@ApiTags('sandbox')
@OptionalShopperAuth()
@Controller('v1/sandbox/payments')
export class SandboxShopperController {
  constructor(private readonly shopper: SandboxShopper) {}

  @Post(':outTradeNo/pay')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Simulate the shopper paying (wx.requestPayment)',
    description:
      'Marks the order paid at the sandbox provider; the signed TRANSACTION.SUCCESS notification is then delivered ' +
      'to the notify URL asynchronously. The order itself becomes paid only when that notification is accepted. ' +
      "An order whose payment is not prepared yet (a flash sale's) is opened first, as GET /v1/orders/:id does. " +
      "With a shopper token, only the order's shopper can pay it (403 PAYER_MISMATCH otherwise); without " +
      "one, the sandbox pays as the order's own payer.",
  })
  @ApiAcceptedResponse({ type: SimulatedPaymentDto })
  @ApiErrorResponses(
    'VALIDATION_FAILED',
    'UNAUTHENTICATED',
    'PAYER_MISMATCH',
    'ORDER_NOT_EXIST',
    'ORDER_CLOSED',
    'ORDER_PAID',
    'PAYMENT_PROVIDER_UNAVAILABLE',
  )
  async pay(
    @OptionalShopper() payer: ShopperCaller | null,
    @Param('outTradeNo') outTradeNo: string,
    @Body() body: SimulatePaymentDto,
  ): Promise<SimulatedPaymentDto> {
    const result = body.result ?? 'success';
    await this.shopper.pay(outTradeNo, payer?.openid ?? null, result);
    return { outTradeNo, result };
  }
}
