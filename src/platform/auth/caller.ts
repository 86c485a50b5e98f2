import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';

export type Caller =
  { kind: 'admin' } | { kind: 'merchant'; merchantId: string } | { kind: 'shopper'; userId: string; openid: string };

export interface ShopperCaller {
  userId: string;
  openid: string;
}

const CALLER = Symbol('caller');

/** Kept on Node's request, which the access line (RequestLogging) and a route answered before Fastify both see. */
type RequestWithCaller = IncomingMessage & { [CALLER]?: Caller };

export function setCaller(request: FastifyRequest, caller: Caller): void {
  setRawCaller(request.raw, caller);
}

export function getCaller(request: FastifyRequest): Caller | undefined {
  return rawCaller(request.raw);
}

export function setRawCaller(request: IncomingMessage, caller: Caller): void {
  (request as RequestWithCaller)[CALLER] = caller;
}

export function rawCaller(request: IncomingMessage): Caller | undefined {
  return (request as RequestWithCaller)[CALLER];
}

/** A stable name for the caller, used to scope idempotency keys and rate limits. */
export function callerScope(caller: Caller): string {
  switch (caller.kind) {
    case 'admin':
      return 'admin';
    case 'merchant':
      return `merchant:${caller.merchantId}`;
    case 'shopper':
      return `shopper:${caller.userId}`;
  }
}

function callerOf(context: ExecutionContext): Caller | undefined {
  return getCaller(context.switchToHttp().getRequest<FastifyRequest>());
}

/** The authenticated merchant's id (route must carry `@MerchantAuth()`). */
export const CurrentMerchant = createParamDecorator((_: unknown, context: ExecutionContext): string => {
  const caller = callerOf(context);
  if (caller?.kind !== 'merchant') throw new Error('CurrentMerchant used on a route without MerchantAuth');
  return caller.merchantId;
});

/** The authenticated shopper (route must carry `@ShopperAuth()`). */
export const CurrentShopper = createParamDecorator((_: unknown, context: ExecutionContext): ShopperCaller => {
  const caller = callerOf(context);
  if (caller?.kind !== 'shopper') throw new Error('CurrentShopper used on a route without ShopperAuth');
  return { userId: caller.userId, openid: caller.openid };
});

/** The shopper whose token came with the request, or null when none came (route carries `@OptionalShopperAuth()`). */
export const OptionalShopper = createParamDecorator((_: unknown, context: ExecutionContext): ShopperCaller | null => {
  const caller = callerOf(context);
  return caller?.kind === 'shopper' ? { userId: caller.userId, openid: caller.openid } : null;
});
