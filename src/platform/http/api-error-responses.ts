import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ERROR_STATUS, ErrorCode } from '../errors/error-codes';

class ErrorDetailDto {
  @ApiProperty({ example: 'NOT_FOUND' }) code!: string;
  @ApiProperty() message!: string;
  @ApiPropertyOptional({ description: 'For VALIDATION_FAILED: [{field, problems}]' }) details?: unknown;
}

/** The contract's error envelope: `{"error": {code, message, details?}}`. */
export class ErrorEnvelopeDto {
  @ApiProperty({ type: ErrorDetailDto }) error!: ErrorDetailDto;
}

/**
 * Documents the error answers of a route, grouped by status, each with the envelope's schema and the codes it
 * may carry (list UNAUTHENTICATED on authenticated routes too).
 */
export function ApiErrorResponses(...codes: ErrorCode[]) {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) byStatus.set(ERROR_STATUS[code], [...(byStatus.get(ERROR_STATUS[code]) ?? []), code]);
  return applyDecorators(
    ApiExtraModels(ErrorEnvelopeDto),
    ...[...byStatus].map(([status, grouped]) =>
      ApiResponse({
        status,
        description: grouped.join(', '),
        schema: { $ref: getSchemaPath(ErrorEnvelopeDto) },
      }),
    ),
  );
}
