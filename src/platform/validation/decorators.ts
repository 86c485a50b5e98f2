import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { MAX_FEN } from '../money/money';

/** An integer amount of fen within [min, MAX_FEN]. */
export function IsFen(options: { min?: number; max?: number; description?: string; optional?: boolean } = {}) {
  const min = options.min ?? 0;
  const max = options.max ?? MAX_FEN;
  const doc = {
    type: 'integer' as const,
    minimum: min,
    maximum: max,
    description: options.description ?? 'Amount in fen',
  };
  return applyDecorators(
    ...(options.optional ? [IsOptional(), ApiPropertyOptional(doc)] : [ApiProperty(doc)]),
    IsInt(),
    Min(min),
    Max(max),
  );
}

/** An integer in [min, max]. */
export function IsIntIn(min: number, max: number, options: { optional?: boolean; description?: string } = {}) {
  const doc = { type: 'integer' as const, minimum: min, maximum: max, description: options.description };
  return applyDecorators(
    ...(options.optional ? [IsOptional(), ApiPropertyOptional(doc)] : [ApiProperty(doc)]),
    IsInt(),
    Min(min),
    Max(max),
  );
}

/** A query-string integer: converted from its text here, then range-checked. */
export function QueryInt(min: number, max: number, description?: string) {
  return applyDecorators(
    Transform(({ value }) => (typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value)),
    IsIntIn(min, max, { optional: true, description }),
  );
}
