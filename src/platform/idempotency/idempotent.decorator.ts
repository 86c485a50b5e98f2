import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';

export const IDEMPOTENT = Symbol('IDEMPOTENT');

export interface IdempotentOptions {
  /** The response carries a secret shown once: it is kept sealed (encrypted), never readable in the table. */
  sealResponse?: boolean;
  /**
   * The handler commits its own transactions and calls the payment provider between them (no network call may
   * run inside a transaction): the key is claimed and committed first, the response stored when the handler ends,
   * the key dropped if it fails. A duplicate meanwhile waits for the response (IDEMPOTENCY_WAIT_MS).
   */
  ownTransactions?: boolean;
}

/** The header as OpenAPI declares it, with the limits the interceptor enforces (1-255 printable ASCII). */
export const IDEMPOTENCY_KEY_HEADER = {
  name: 'Idempotency-Key',
  required: false,
  description:
    '1-255 printable ASCII characters, unique per request you mean. A repeat with the same key, caller and body ' +
    'returns the first response (same status, same body) and changes nothing; the same key with another body is ' +
    '409 IDEMPOTENCY_KEY_REUSED, one while the first is still running 409 IDEMPOTENCY_KEY_IN_USE.',
  schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x20-\\x7E]+$' },
} as const;

/** The route accepts an `Idempotency-Key` header: a repeat replays the first response and changes nothing. */
export const Idempotent = (options: IdempotentOptions = {}) =>
  applyDecorators(SetMetadata(IDEMPOTENT, options), ApiHeader(IDEMPOTENCY_KEY_HEADER));
