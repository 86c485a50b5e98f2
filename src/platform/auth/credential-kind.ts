import { Inject, Injectable } from '@nestjs/common';
import { DomainError, unauthenticated } from '../errors/domain-error';
import { RUNTIME, Runtime } from '../runtime/runtime';
import { secretsEqual } from './bearer';
import { MerchantKeyVerifier } from './merchant-key-verifier';
import { ShopperTokens } from './shopper-tokens';

export type CredentialKind = 'admin' | 'merchant' | 'shopper';

/**
 * Tells a guard why it refused a credential: one valid for another kind of caller is 403 FORBIDDEN
 * (a shopper token on a merchant route), anything else is 401 UNAUTHENTICATED.
 */
@Injectable()
export class CredentialKinds {
  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly shopperTokens: ShopperTokens,
    private readonly merchantKeys: MerchantKeyVerifier,
  ) {}

  /** For a token the guard of `expected` has already refused, so that kind is not checked again. */
  async refusal(token: string, expected: CredentialKind): Promise<DomainError> {
    const actual = await this.otherKindOf(token, expected);
    if (actual !== null && actual !== expected) {
      return new DomainError('FORBIDDEN', `A ${actual} credential cannot call a ${expected} route`);
    }
    return unauthenticated(`Not a valid ${expected} credential`);
  }

  private async otherKindOf(token: string, refused: CredentialKind): Promise<CredentialKind | null> {
    if (refused !== 'admin' && secretsEqual(token, this.runtime.adminToken)) return 'admin';
    if (refused !== 'shopper' && this.shopperTokens.verify(token)) return 'shopper';
    if (refused !== 'merchant' && (await this.merchantKeys.verify(token)) !== null) return 'merchant';
    return null;
  }
}
