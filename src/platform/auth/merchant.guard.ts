import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { bearerToken } from './bearer';
import { setCaller } from './caller';
import { CredentialKinds } from './credential-kind';
import { MerchantKeyVerifier } from './merchant-key-verifier';

@Injectable()
export class MerchantGuard implements CanActivate {
  constructor(
    private readonly keys: MerchantKeyVerifier,
    private readonly kinds: CredentialKinds,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const token = bearerToken(request);
    const merchantId = await this.keys.verify(token);
    if (merchantId === null) throw await this.kinds.refusal(token, 'merchant');
    setCaller(request, { kind: 'merchant', merchantId });
    return true;
  }
}
