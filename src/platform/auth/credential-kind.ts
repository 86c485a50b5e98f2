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

  async refusal(token: string, expected: CredentialKind): Promise<DomainError> {
    const actual = await this.kindOf(token);
    if (actual !== null && actual !== expected) {
      return new DomainError('FORBIDDEN', `A ${actual} credential cannot call a ${expected} route`);
    }
    return unauthenticated(`Not a valid ${expected} credential`);
  }

  private async kindOf(token: string): Promise<CredentialKind | null> {
    if (secretsEqual(token, this.runtime.adminToken)) return 'admin';
    if (this.shopperTokens.verify(token)) return 'shopper';
    if ((await this.merchantKeys.verify(token)) !== null) return 'merchant';
    return null;
  }
}
