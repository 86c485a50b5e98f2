import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { clientAddress } from '../http/client-address';
import { bearerTokenOrNull, missingBearerToken } from './bearer';
import { Caller, setCaller } from './caller';
import { CredentialKind, CredentialKinds, refusalFor } from './credential-kind';
import { FailedAuthentications } from './failed-authentications';

/** What a request's Authorization header proves. `token`: null when it sends none (or not as `Bearer <token>`). */
export interface Identity {
  token: string | null;
  caller: Caller | null;
}

/**
 * Who a request's caller is, decided once per request: the rate limiter (a global guard, so first) budgets by it,
 * then the route's guard admits by it. A credential that proves nothing is a failed authentication, limited per
 * address (FailedAuthentications).
 */
@Injectable()
export class Admission {
  private readonly identities = new WeakMap<FastifyRequest, Promise<Identity>>();

  constructor(
    private readonly kinds: CredentialKinds,
    private readonly failures: FailedAuthentications,
  ) {}

  identify(request: FastifyRequest): Promise<Identity> {
    let identity = this.identities.get(request);
    if (identity === undefined) {
      identity = this.identifyOnce(request);
      this.identities.set(request, identity);
    }
    return identity;
  }

  /** For a route guard: sets the caller when it is of `kind`; else 401, 403, or 429 past the failure limit. */
  async admit(request: FastifyRequest, kind: CredentialKind): Promise<true> {
    const { token, caller } = await this.identify(request);
    if (caller?.kind === kind) {
      setCaller(request, caller);
      return true;
    }
    if (token === null) throw missingBearerToken();
    if (caller === null) await this.failures.record(clientAddress(request));
    throw refusalFor(caller, kind);
  }

  private async identifyOnce(request: FastifyRequest): Promise<Identity> {
    const token = bearerTokenOrNull(request.headers.authorization);
    if (token === null) return { token, caller: null };
    const admin = !this.failures.isBlocked(clientAddress(request));
    return { token, caller: await this.kinds.identify(token, { admin }) };
  }
}
