import { ApiProperty } from '@nestjs/swagger';
import { Transfer, TransferReason, TransferStatus } from './transfer.entity';

export class TransferDto {
  @ApiProperty() id!: string;
  @ApiProperty({ type: 'integer' }) amountFen!: number;
  @ApiProperty({ enum: ['rebate', 'prize'] }) reason!: TransferReason;
  @ApiProperty({ enum: ['processing', 'succeeded', 'failed'] }) status!: TransferStatus;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;

  static from(transfer: Transfer): TransferDto {
    return {
      id: transfer.id,
      amountFen: transfer.amountFen,
      reason: transfer.reason,
      status: transfer.status,
      createdAt: transfer.createdAt.toISOString(),
    };
  }
}

export class TransferPageDto {
  @ApiProperty({ type: [TransferDto] }) items!: TransferDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
