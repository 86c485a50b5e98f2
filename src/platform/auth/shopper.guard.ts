import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { unauthenticated } from '../errors/domain-error';
import { bearerToken } from './bearer';
import { setCaller } from './caller';
import { ShopperTokens } from './shopper-tokens';

@Injectable()
export class ShopperGuard implements CanActivate {
  constructor(private readonly tokens: ShopperTokens) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const shopper = this.tokens.verify(bearerToken(request));
    if (shopper === null) throw unauthenticated('Shopper token is invalid or expired');
    setCaller(request, { kind: 'shopper', ...shopper });
    return true;
  }
}
