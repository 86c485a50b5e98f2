import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import type { GatewayErrorCode } from '../../payment-gateway';
import { IsIntIn } from '../../../platform/validation/decorators';
import { GATEWAY_ERROR_STATUS } from '../domain/gateway-errors';
import { MAX_HANG_MS, SANDBOX_OPERATIONS, type SandboxOperation } from '../sandbox-faults';

const CODES = Object.keys(GATEWAY_ERROR_STATUS) as GatewayErrorCode[];

export class InjectFaultDto {
  @ApiProperty({ enum: SANDBOX_OPERATIONS })
  @IsIn(SANDBOX_OPERATIONS)
  operation!: SandboxOperation;

  @ApiProperty({
    enum: CODES,
    description:
      'Thrown with its real status: ORDER_NOT_EXIST 404, ORDER_CLOSED 400, NOT_ENOUGH 403, FREQUENCY_LIMITED 429, SYSTEM_ERROR 500 …',
  })
  @IsIn(CODES)
  code!: GatewayErrorCode;

  @IsIntIn(1, 1000, { description: 'How many of the next calls fail' })
  times!: number;

  @IsIntIn(1, MAX_HANG_MS, {
    optional: true,
    description:
      'Each failing call first hangs this many ms, as a provider that does not answer (DELETE /v1/sandbox/faults ends the wait)',
  })
  hangMs?: number;
}

export class InjectedFaultDto {
  @ApiProperty({ enum: SANDBOX_OPERATIONS }) operation!: SandboxOperation;
  @ApiProperty({ enum: CODES }) code!: GatewayErrorCode;
  @ApiProperty({ type: 'integer', description: 'The HTTP status WeChat Pay answers this code with' })
  httpStatus!: number;
  @ApiProperty({ type: 'integer', description: 'Calls still to fail' }) remaining!: number;
  @ApiPropertyOptional({ type: 'integer', description: 'How long each failing call hangs first' }) hangMs?: number;
}
