import { ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ShopperGuard } from './shopper.guard';

/**
 * A shopper token when one is sent, none otherwise: a sent token is verified exactly as ShopperGuard does (a bad one
 * is refused), and a request without `Authorization` goes on with no caller.
 */
@Injectable()
export class OptionalShopperGuard extends ShopperGuard {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (request.headers.authorization === undefined) return true;
    return super.canActivate(context);
  }
}
