import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString, IsUUID, ValidateNested } from 'class-validator';
import { IsIntIn } from '../../../platform/validation/decorators';
import type { PayParams } from '../../../payments/payment-gateway';
import type { OrderKind, OrderStatus } from '../domain/order-status';
import { OrderItem } from '../order-item.entity';
import { Order } from '../order.entity';

export class OrderItemInput {
  @ApiProperty()
  @IsString()
  @IsUUID()
  productId!: string;

  @IsIntIn(1, 9999)
  quantity!: number;
}

export class CreateOrderDto {
  @ApiProperty({ type: [OrderItemInput], minItems: 1, maxItems: 50 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => OrderItemInput)
  items!: OrderItemInput[];

  @ApiPropertyOptional({ description: 'A coupon from the wallet' })
  @IsOptional()
  @IsString()
  @IsUUID()
  couponId?: string;
}

export class OrderItemDto {
  @ApiProperty() productId!: string;
  @ApiProperty({ type: 'integer' }) quantity!: number;
  @ApiProperty({ type: 'integer' }) unitPriceFen!: number;
}

export class PayParamsDto {
  @ApiProperty() appId!: string;
  @ApiProperty() timeStamp!: string;
  @ApiProperty() nonceStr!: string;
  @ApiProperty() package!: string;
  @ApiProperty({ enum: ['RSA'] }) signType!: 'RSA';
  @ApiProperty() paySign!: string;
}

export class OrderPaymentDto {
  @ApiProperty() outTradeNo!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'null while the payment is not prepared yet: flash-sale orders are written in batches and prepared when ' +
      'the shopper opens the order (GET /v1/orders/:id), or after its deadline',
  })
  prepayId!: string | null;
  @ApiProperty({
    type: PayParamsDto,
    nullable: true,
    description: 'Pass to wx.requestPayment; null while prepayId is',
  })
  payParams!: PayParams | null;
}

export class OrderDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['standard', 'flash_sale', 'group_buy'] }) kind!: OrderKind;
  @ApiProperty({ enum: ['pending_payment', 'paid', 'cancelled', 'partially_refunded', 'refunded'] })
  status!: OrderStatus;
  @ApiProperty() merchantId!: string;
  @ApiProperty({ type: [OrderItemDto] }) items!: OrderItemDto[];
  @ApiProperty({ type: 'integer' }) subtotalFen!: number;
  @ApiProperty({ type: 'integer' }) discountFen!: number;
  @ApiProperty({ type: 'integer' }) totalFen!: number;
  @ApiProperty({ type: String, nullable: true }) couponId!: string | null;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) paidAt!: string | null;
  @ApiProperty({ type: 'integer' }) refundedFen!: number;
  @ApiProperty({ type: OrderPaymentDto }) payment!: OrderPaymentDto;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;

  static from(order: Order, items: OrderItem[]): OrderDto {
    return {
      id: order.id,
      kind: order.kind,
      status: order.status,
      merchantId: order.merchantId,
      items: [...items]
        .sort((a, b) => a.line - b.line)
        .map((item) => ({ productId: item.productId, quantity: item.quantity, unitPriceFen: item.unitPriceFen })),
      subtotalFen: order.subtotalFen,
      discountFen: order.discountFen,
      totalFen: order.totalFen,
      couponId: order.couponId,
      expiresAt: order.expiresAt.toISOString(),
      paidAt: order.paidAt?.toISOString() ?? null,
      refundedFen: order.refundedFen,
      payment: { outTradeNo: order.outTradeNo, prepayId: order.prepayId, payParams: order.payParams },
      createdAt: order.createdAt.toISOString(),
    };
  }
}

export class OrderPageDto {
  @ApiProperty({ type: [OrderDto] }) items!: OrderDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
