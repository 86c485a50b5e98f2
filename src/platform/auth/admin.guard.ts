import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { RUNTIME, Runtime } from '../runtime/runtime';
import { bearerToken, secretsEqual } from './bearer';
import { setCaller } from './caller';
import { CredentialKinds } from './credential-kind';

@Injectable()
export class AdminGuard implements CanActivate {
  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly kinds: CredentialKinds,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const token = bearerToken(request);
    if (!secretsEqual(token, this.runtime.adminToken)) throw await this.kinds.refusal(token, 'admin');
    setCaller(request, { kind: 'admin' });
    return true;
  }
}
