import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import { Admission } from '../auth/admission';
import { callerScope } from '../auth/caller';
import { rateLimited } from '../errors/domain-error';
import { clientAddress } from '../http/client-address';

/**
 * RATE_LIMIT_PER_MINUTE per caller and route. Only a verified credential has a budget of its own (a shopper's
 * across its tokens, a merchant's across its keys), verified once for the request (Admission, which the route's
 * guard reuses): no credential, or one that proves nothing, is counted by the client's address, so rotating junk
 * credentials or X-Forwarded-For values (believed only from TRUST_PROXY) buys nothing.
 */
@Injectable()
export class CallerThrottlerGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly admission: Admission,
  ) {
    super(options, storage, reflector);
  }

  protected override async getTracker(request: FastifyRequest): Promise<string> {
    const { caller } = await this.admission.identify(request);
    return caller ? callerScope(caller) : `address:${clientAddress(request)}`;
  }

  /** The contract's 429 (the library's own message names its exception class). */
  protected override throwThrottlingException(_context: ExecutionContext, limit: ThrottlerLimitDetail): Promise<void> {
    throw rateLimited(Math.max(1, limit.timeToBlockExpire));
  }
}
