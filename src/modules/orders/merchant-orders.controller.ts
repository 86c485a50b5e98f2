import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Readable } from 'node:stream';
import { MerchantAuth } from '../../platform/auth/auth.decorators';
import { CurrentMerchant } from '../../platform/auth/caller';
import { ApiErrorResponses } from '../../platform/http/api-error-responses';
import { Idempotent } from '../../platform/idempotency/idempotent.decorator';
import {
  MerchantOrderDetailDto,
  MerchantOrderListQuery,
  MerchantOrderPageDto,
  OrderExportQuery,
} from './dto/order.dto';
import { CreateRefundDto, RefundDto } from './dto/refund.dto';
import { OrderCsvExportService } from './order-csv-export.service';
import { OrderRefundsService } from './order-refunds.service';
import { OrdersService } from './orders.service';

@ApiTags('merchant: orders')
@MerchantAuth()
@Controller('v1/merchant')
export class MerchantOrdersController {
  constructor(
    private readonly orders: OrdersService,
    private readonly refunds: OrderRefundsService,
    private readonly csv: OrderCsvExportService,
  ) {}

  @Get('orders')
  @ApiOkResponse({ type: MerchantOrderPageDto, description: 'Newest first' })
  @ApiErrorResponses('VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN')
  list(@CurrentMerchant() merchantId: string, @Query() query: MerchantOrderListQuery): Promise<MerchantOrderPageDto> {
    return this.orders.listForMerchant(merchantId, query);
  }

  /** The headers are set once the range is checked, so a refusal still leaves as a JSON error. */
  @Get('orders.csv')
  @ApiOkResponse({
    description: 'One line per order, oldest first, after a header line (columns: docs/merchants.md)',
    content: { 'text/csv': { schema: { type: 'string' } } },
  })
  @ApiErrorResponses('VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN')
  exportCsv(
    @CurrentMerchant() merchantId: string,
    @Query() query: OrderExportQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Readable {
    const stream = this.csv.stream(merchantId, query);
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="orders.csv"');
    return stream;
  }

  @Get('orders/:id')
  @ApiOkResponse({ type: MerchantOrderDetailDto })
  @ApiErrorResponses('UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND')
  get(@CurrentMerchant() merchantId: string, @Param('id') id: string): Promise<MerchantOrderDetailDto> {
    return this.orders.getForMerchant(merchantId, id);
  }

  @Post('orders/:id/refunds')
  @Idempotent()
  @ApiCreatedResponse({ type: RefundDto })
  @ApiErrorResponses(
    'VALIDATION_FAILED',
    'UNAUTHENTICATED',
    'FORBIDDEN',
    'NOT_FOUND',
    'REFUND_EXCEEDS_PAID',
    'GIFT_CARD_ORDER_NOT_REFUNDABLE',
    'IDEMPOTENCY_KEY_REUSED',
    'IDEMPOTENCY_KEY_IN_USE',
  )
  refund(
    @CurrentMerchant() merchantId: string,
    @Param('id') id: string,
    @Body() body: CreateRefundDto,
  ): Promise<RefundDto> {
    return this.refunds.requestByMerchant(merchantId, id, body.amountFen, body.reason);
  }

  @Get('refunds/:id')
  @ApiOkResponse({ type: RefundDto })
  @ApiErrorResponses('UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND')
  getRefund(@CurrentMerchant() merchantId: string, @Param('id') id: string): Promise<RefundDto> {
    return this.refunds.getForMerchant(merchantId, id);
  }
}
