import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Admission } from './admission';

@Injectable()
export class AdminGuard implements CanActivate {
  constructor(private readonly admission: Admission) {}

  canActivate(context: ExecutionContext): Promise<boolean> {
    return this.admission.admit(context.switchToHttp().getRequest<FastifyRequest>(), 'admin');
  }
}
