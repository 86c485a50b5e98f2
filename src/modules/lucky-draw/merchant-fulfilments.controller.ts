import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { MerchantAuth } from '../../platform/auth/auth.decorators';
import { CurrentMerchant } from '../../platform/auth/caller';
import { ApiErrorResponses } from '../../platform/http/api-error-responses';
import { FulfilmentDto, FulfilmentListQuery, FulfilmentPageDto, UpdateFulfilmentDto } from './dto/fulfilment.dto';
import { FulfilmentsService } from './fulfilments.service';

@ApiTags('merchant: lucky draws')
@MerchantAuth()
@Controller('v1/merchant/lucky-draws/:id/fulfilments')
export class MerchantFulfilmentsController {
  constructor(private readonly fulfilments: FulfilmentsService) {}

  @Get()
  @ApiOkResponse({ type: FulfilmentPageDto, description: 'Item prizes won, newest first' })
  @ApiErrorResponses('VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND')
  list(
    @CurrentMerchant() merchantId: string,
    @Param('id') id: string,
    @Query() query: FulfilmentListQuery,
  ): Promise<FulfilmentPageDto> {
    return this.fulfilments.list(merchantId, id, query);
  }

  @Post(':drawId')
  @HttpCode(200)
  @ApiOkResponse({ type: FulfilmentDto, description: 'Shipping twice answers the shipped prize unchanged' })
  @ApiErrorResponses('VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'FULFILMENT_ALREADY_SHIPPED')
  update(
    @CurrentMerchant() merchantId: string,
    @Param('id') id: string,
    @Param('drawId') drawId: string,
    @Body() body: UpdateFulfilmentDto,
  ): Promise<FulfilmentDto> {
    return this.fulfilments.update(merchantId, id, drawId, body);
  }
}
