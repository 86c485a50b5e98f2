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

/** The route accepts an `Idempotency-Key` header: a repeat replays the first response and changes nothing. */
export const Idempotent = (options: IdempotentOptions = {}) =>
  applyDecorators(
    SetMetadata(IDEMPOTENT, options),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: '1-255 characters. A repeat with the same key and body returns the first response.',
    }),
  );
