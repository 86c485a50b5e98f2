import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { IsIntIn } from '../../../platform/validation/decorators';

export class GenerateCodesDto {
  @IsIntIn(1, 10_000, { description: 'How many codes to make (1-10000)' })
  count!: number;
}

export class GeneratedCodesDto {
  @ApiProperty({ type: [String], description: 'Shown once: only their digests are kept' })
  codes!: string[];
}

export class RedeemCodeDto {
  @ApiProperty({ minLength: 1, maxLength: 64, example: 'K7QM-3XHT-9PWA', description: 'Case and dashes ignored' })
  @IsString()
  @Length(1, 64)
  code!: string;
}
