import { Inject, Injectable } from '@nestjs/common';
import { DomainError, unauthenticated } from '../errors/domain-error';
import { RUNTIME, Runtime } from '../runtime/runtime';
import { secretsEqual } from './bearer';
import { Caller } from './caller';
import { MerchantKeyVerifier } from './merchant-key-verifier';
import { ShopperTokens } from './shopper-tokens';

export type CredentialKind = 'admin' | 'merchant' | 'shopper';

/** Which caller a credential proves, whatever route it is sent to. */
@Injectable()
export class CredentialKinds {
  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly shopperTokens: ShopperTokens,
    private readonly merchantKeys: MerchantKeyVerifier,
  ) {}

  /**
   * The caller the token proves, null when it proves none. Shopper tokens first (the most calls, verified from
   * memory once seen); `admin: false` leaves the admin token uncompared (an address over its failed-authentication
   * limit: FailedAuthentications).
   */
  async identify(token: string, options: { admin: boolean }): Promise<Caller | null> {
    const shopper = this.shopperTokens.verify(token);
    if (shopper !== null) return { kind: 'shopper', ...shopper };
    const merchantId = await this.merchantKeys.verify(token);
    if (merchantId !== null) return { kind: 'merchant', merchantId };
    if (options.admin && secretsEqual(token, this.runtime.adminToken)) return { kind: 'admin' };
    return null;
  }

  /**
   * Why a route answered before Fastify (the flash-sale purchase) refuses a token its own check refused. There is no
   * client address there to limit failures by, so the admin token is not compared: a 403 would confirm a guess.
   */
  async refusal(token: string, expected: CredentialKind): Promise<DomainError> {
    return refusalFor(await this.identify(token, { admin: false }), expected);
  }
}

/**
 * A credential valid for another kind of caller is 403 FORBIDDEN (a shopper token on a merchant route); one that
 * proves nothing is 401 UNAUTHENTICATED.
 */
export function refusalFor(caller: Caller | null, expected: CredentialKind): DomainError {
  if (caller !== null && caller.kind !== expected) {
    return new DomainError('FORBIDDEN', `A ${caller.kind} credential cannot call a ${expected} route`);
  }
  return unauthenticated(`Not a valid ${expected} credential`);
}
