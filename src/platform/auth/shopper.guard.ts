import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { bearerToken } from './bearer';
import { setCaller } from './caller';
import { CredentialKinds } from './credential-kind';
import { ShopperTokens } from './shopper-tokens';

@Injectable()
export class ShopperGuard implements CanActivate {
  constructor(
    private readonly tokens: ShopperTokens,
    private readonly kinds: CredentialKinds,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const token = bearerToken(request);
    const shopper = this.tokens.verify(token);
    if (shopper === null) throw await this.kinds.refusal(token, 'shopper');
    setCaller(request, { kind: 'shopper', ...shopper });
    return true;
  }
}
