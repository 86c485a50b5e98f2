import { CanActivate, createParamDecorator, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { getCaller } from '../../../platform/auth/caller';
import { Clock } from '../../../platform/clock/clock';
import { DomainError, unauthenticated } from '../../../platform/errors/domain-error';
import { redeemRateLimited } from '../coupons.errors';
import { AttemptLimiter, CODE_ATTEMPTS } from './attempt-limiter';

type RequestWithTicket = FastifyRequest & { codeAttemptTicket?: string };

/**
 * Reserves a failed-attempt slot before a code redemption runs (after ShopperAuth). A guard, so that the
 * reservation stands on its own even when the request's work runs in a transaction that rolls back (an
 * Idempotency-Key wraps it in one): a guess that fails is always counted. Over the limit: 429 RATE_LIMITED.
 */
@Injectable()
export class CodeAttemptGuard implements CanActivate {
  constructor(
    private readonly limiter: AttemptLimiter,
    private readonly clock: Clock,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<RequestWithTicket>();
    const caller = getCaller(request);
    if (caller?.kind !== 'shopper') throw unauthenticated();
    let reservation;
    try {
      reservation = await this.limiter.reserve(caller.userId, this.clock.now(), CODE_ATTEMPTS);
    } catch (error) {
      throw new DomainError('SERVICE_UNAVAILABLE', `Code redemption is unavailable: ${(error as Error).message}`);
    }
    if (!reservation.granted) {
      const seconds = Math.ceil(reservation.retryAfterMs / 1000);
      void context.switchToHttp().getResponse<FastifyReply>().header('retry-after', String(seconds));
      throw redeemRateLimited(seconds);
    }
    request.codeAttemptTicket = reservation.ticket;
    return true;
  }
}

/** The attempt reserved by CodeAttemptGuard. */
export const CodeAttemptTicket = createParamDecorator((_: unknown, context: ExecutionContext): string => {
  const ticket = context.switchToHttp().getRequest<RequestWithTicket>().codeAttemptTicket;
  if (!ticket) throw new Error('CodeAttemptTicket used on a route without CodeAttemptGuard');
  return ticket;
});
