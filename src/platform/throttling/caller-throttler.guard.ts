import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { createHash } from 'node:crypto';

/**
 * Rate limits per caller: by credential when one is sent (so shoppers behind one NAT do not share a budget),
 * by address otherwise. Runs before authentication, so the credential is hashed, not trusted.
 */
@Injectable()
export class CallerThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(request: { headers?: Record<string, unknown>; ip?: string }): Promise<string> {
    const authorization = request.headers?.authorization;
    if (typeof authorization === 'string' && authorization.length > 0) {
      return `auth:${createHash('sha256').update(authorization).digest('base64url').slice(0, 22)}`;
    }
    return `ip:${String(request.ip)}`;
  }
}
