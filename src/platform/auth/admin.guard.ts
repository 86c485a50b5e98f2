import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { unauthenticated } from '../errors/domain-error';
import { RUNTIME, Runtime } from '../runtime/runtime';
import { bearerToken, secretsEqual } from './bearer';
import { setCaller } from './caller';

@Injectable()
export class AdminGuard implements CanActivate {
  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (!secretsEqual(bearerToken(request), this.runtime.adminToken)) throw unauthenticated('Not the platform token');
    setCaller(request, { kind: 'admin' });
    return true;
  }
}
