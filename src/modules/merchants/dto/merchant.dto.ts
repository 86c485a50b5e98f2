import { ApiProperty } from '@nestjs/swagger';
import { Merchant } from '../merchant.entity';

export class MerchantDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;

  static from(merchant: Pick<Merchant, 'id' | 'name' | 'createdAt'>): MerchantDto {
    return { id: merchant.id, name: merchant.name, createdAt: merchant.createdAt.toISOString() };
  }
}

export class MerchantPageDto {
  @ApiProperty({ type: [MerchantDto] }) items!: MerchantDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class RotatedApiKeyDto {
  @ApiProperty({ description: 'The new key, shown once; only its hash is stored' }) apiKey!: string;
  @ApiProperty({
    format: 'date-time',
    description: 'Until when the key used before this rotation keeps working (24 h from now)',
  })
  previousKeyExpiresAt!: string;
}
