import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class CreateMerchantDto {
  @ApiProperty({ minLength: 1, maxLength: 200, example: 'Lotus Tea House' })
  @IsString()
  @Length(1, 200)
  name!: string;
}

export class CreatedMerchantDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'Shown once; only its hash is stored' }) apiKey!: string;
}
