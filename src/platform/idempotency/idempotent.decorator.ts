import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';

export const IDEMPOTENT = Symbol('IDEMPOTENT');

/** The route accepts an `Idempotency-Key` header: a repeat replays the first response and changes nothing. */
export const Idempotent = () =>
  applyDecorators(
    SetMetadata(IDEMPOTENT, true),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: '1-255 characters. A repeat with the same key and body returns the first response.',
    }),
  );
