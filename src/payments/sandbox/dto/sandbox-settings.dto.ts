import { ApiProperty } from '@nestjs/swagger';
import { MAX_FEN } from '../../../platform/money/money';
import { IsIntIn } from '../../../platform/validation/decorators';

const DAY_MS = 86_400_000;

export class UpdateSandboxSettingsDto {
  @IsIntIn(0, 100, { optional: true, description: 'The first N attempts of every delivery are lost (count as failed)' })
  dropFirst?: number;

  @IsIntIn(0, 10, { optional: true, description: 'Extra identical copies sent after an acknowledged delivery' })
  duplicates?: number;

  @IsIntIn(0, DAY_MS, { optional: true, description: 'First attempt no sooner than this after the event (ms)' })
  delayMs?: number;

  @IsIntIn(0, 7 * DAY_MS, {
    optional: true,
    description: 'Refunds and transfers succeed this long after creation (ms)',
  })
  settleDelayMs?: number;

  @IsIntIn(1, MAX_FEN, { optional: true, description: 'Smallest single transfer (fen); default 10' })
  transferMinFen?: number;

  @IsIntIn(1, MAX_FEN, { optional: true, description: 'Largest single transfer (fen); default 20000' })
  transferMaxFen?: number;
}

export class SandboxSettingsDto {
  @ApiProperty({ type: 'integer' }) dropFirst!: number;
  @ApiProperty({ type: 'integer' }) duplicates!: number;
  @ApiProperty({ type: 'integer' }) delayMs!: number;
  @ApiProperty({ type: 'integer' }) settleDelayMs!: number;
  @ApiProperty({ type: 'integer' }) transferMinFen!: number;
  @ApiProperty({ type: 'integer' }) transferMaxFen!: number;
}
