import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { unauthenticated } from '../errors/domain-error';
import { bearerToken } from './bearer';
import { setCaller } from './caller';
import { MerchantKeyVerifier } from './merchant-key-verifier';

@Injectable()
export class MerchantGuard implements CanActivate {
  constructor(private readonly keys: MerchantKeyVerifier) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const merchantId = await this.keys.verify(bearerToken(request));
    if (merchantId === null) throw unauthenticated('Not a merchant API key');
    setCaller(request, { kind: 'merchant', merchantId });
    return true;
  }
}
