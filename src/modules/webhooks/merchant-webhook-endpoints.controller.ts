import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { MerchantAuth } from '../../platform/auth/auth.decorators';
import { CurrentMerchant } from '../../platform/auth/caller';
import { ApiErrorResponses } from '../../platform/http/api-error-responses';
import { Idempotent } from '../../platform/idempotency/idempotent.decorator';
import { DeliveryListQuery, DeliveryPageDto } from './dto/delivery.dto';
import {
  CreatedEndpointDto,
  CreateEndpointDto,
  EndpointDto,
  EndpointListQuery,
  EndpointPageDto,
  RotatedSecretDto,
  UpdateEndpointDto,
} from './dto/endpoint.dto';
import { WebhookDeliveriesService } from './webhook-deliveries.service';
import { WebhookEndpointsService } from './webhook-endpoints.service';

@ApiTags('merchant: webhooks')
@MerchantAuth()
@Controller('v1/merchant/webhook-endpoints')
export class MerchantWebhookEndpointsController {
  constructor(
    private readonly endpoints: WebhookEndpointsService,
    private readonly deliveries: WebhookDeliveriesService,
  ) {}

  @Post()
  // Own transactions: the URL check resolves the name (DNS), never while holding the key's transaction.
  @Idempotent({ sealResponse: true, ownTransactions: true })
  @ApiCreatedResponse({ type: CreatedEndpointDto, description: 'The secret is shown this once' })
  @ApiErrorResponses('VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'IDEMPOTENCY_KEY_REUSED')
  create(@CurrentMerchant() merchantId: string, @Body() body: CreateEndpointDto): Promise<CreatedEndpointDto> {
    return this.endpoints.create(merchantId, body);
  }

  @Get()
  @ApiOkResponse({ type: EndpointPageDto, description: 'Newest first, no secrets' })
  @ApiErrorResponses('VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN')
  list(@CurrentMerchant() merchantId: string, @Query() query: EndpointListQuery): Promise<EndpointPageDto> {
    return this.endpoints.list(merchantId, query);
  }

  @Patch(':id')
  @ApiOkResponse({ type: EndpointDto })
  @ApiErrorResponses('VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND')
  update(
    @CurrentMerchant() merchantId: string,
    @Param('id') id: string,
    @Body() body: UpdateEndpointDto,
  ): Promise<EndpointDto> {
    return this.endpoints.update(merchantId, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted with its delivery log; nothing pending for it is sent' })
  @ApiErrorResponses('UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND')
  delete(@CurrentMerchant() merchantId: string, @Param('id') id: string): Promise<void> {
    return this.endpoints.delete(merchantId, id);
  }

  @Post(':id/rotate-secret')
  @Idempotent({ sealResponse: true })
  @ApiCreatedResponse({ type: RotatedSecretDto, description: 'Deliveries are signed with both secrets for 24 h' })
  @ApiErrorResponses('UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'IDEMPOTENCY_KEY_REUSED')
  rotateSecret(@CurrentMerchant() merchantId: string, @Param('id') id: string): Promise<RotatedSecretDto> {
    return this.endpoints.rotateSecret(merchantId, id);
  }

  @Get(':id/deliveries')
  @ApiOkResponse({ type: DeliveryPageDto, description: 'Newest first' })
  @ApiErrorResponses('VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND')
  listDeliveries(
    @CurrentMerchant() merchantId: string,
    @Param('id') id: string,
    @Query() query: DeliveryListQuery,
  ): Promise<DeliveryPageDto> {
    return this.deliveries.list(merchantId, id, query);
  }
}
