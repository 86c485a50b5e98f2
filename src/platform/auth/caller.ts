import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

export type Caller =
  { kind: 'admin' } | { kind: 'merchant'; merchantId: string } | { kind: 'shopper'; userId: string; openid: string };

export interface ShopperCaller {
  userId: string;
  openid: string;
}

type RequestWithCaller = FastifyRequest & { caller?: Caller };

export function setCaller(request: FastifyRequest, caller: Caller): void {
  (request as RequestWithCaller).caller = caller;
}

export function getCaller(request: FastifyRequest): Caller | undefined {
  return (request as RequestWithCaller).caller;
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
