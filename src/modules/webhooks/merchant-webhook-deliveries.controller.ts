import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiTags } from '@nestjs/swagger';
import { MerchantAuth } from '../../platform/auth/auth.decorators';
import { CurrentMerchant } from '../../platform/auth/caller';
import { ApiErrorResponses } from '../../platform/http/api-error-responses';
import { DeliveryDto } from './dto/delivery.dto';
import { WebhookDeliveriesService } from './webhook-deliveries.service';

@ApiTags('merchant: webhooks')
@MerchantAuth()
@Controller('v1/merchant/webhook-deliveries')
export class MerchantWebhookDeliveriesController {
  constructor(private readonly deliveries: WebhookDeliveriesService) {}

  @Post(':id/retry')
  @HttpCode(202)
  @ApiAcceptedResponse({
    type: DeliveryDto,
    description:
      'Pending again, due now. Answered as it is (nothing changes) when it succeeded or is being sent. When its ' +
      'endpoint is disabled it is pending and waits with the endpoint (nextAttemptAt null) until it is enabled.',
  })
  @ApiErrorResponses('UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND')
  retry(@CurrentMerchant() merchantId: string, @Param('id') id: string): Promise<DeliveryDto> {
    return this.deliveries.retry(merchantId, id);
  }
}
