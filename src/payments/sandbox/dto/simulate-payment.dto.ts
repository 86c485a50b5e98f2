import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { SimulatedPaymentResult } from '../sandbox-shopper.service';

const RESULTS: readonly SimulatedPaymentResult[] = ['success', 'failed'];

export class SimulatePaymentDto {
  @ApiPropertyOptional({
    enum: RESULTS,
    default: 'success',
    description: '"failed" stands for a declined or abandoned payment: the order stays unpaid and nothing is notified',
  })
  @IsOptional()
  @IsIn(RESULTS)
  result?: SimulatedPaymentResult;
}

export class SimulatedPaymentDto {
  @ApiProperty() outTradeNo!: string;
  @ApiProperty({ enum: RESULTS }) result!: SimulatedPaymentResult;
}
