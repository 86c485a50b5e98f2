import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { bearerToken } from '../../../platform/auth/bearer';
import type { ShopperCaller } from '../../../platform/auth/caller';
import { CredentialKinds } from '../../../platform/auth/credential-kind';
import { ShopperTokens } from '../../../platform/auth/shopper-tokens';
import { Clock } from '../../../platform/clock/clock';

const MAX_ENTRIES = 200_000;

interface Verified {
  shopper: ShopperCaller;
  expiresAtMs: number;
}

/**
 * Shopper tokens verified once and then trusted until they expire: an HS256 verification per attempt costs
 * more than the rest of the purchase path. Only valid tokens are kept, keyed by the whole token (a forged one
 * never matches), and each is dropped at its `exp`. Refusals go through CredentialKinds like every guard's
 * (401, or 403 for another kind of credential).
 */
@Injectable()
export class VerifiedShopperTokens {
  private readonly verified = new Map<string, Verified>();

  constructor(
    private readonly tokens: ShopperTokens,
    private readonly kinds: CredentialKinds,
    private readonly clock: Clock,
  ) {}

  async shopperOf(request: FastifyRequest): Promise<ShopperCaller> {
    const token = bearerToken(request);
    const now = this.clock.now().getTime();
    const known = this.verified.get(token);
    if (known !== undefined) {
      if (now < known.expiresAtMs) return known.shopper;
      this.verified.delete(token);
    }
    const shopper = this.tokens.verify(token);
    if (shopper === null) throw await this.kinds.refusal(token, 'shopper');
    const expiresAtMs = expiryOf(token);
    if (expiresAtMs !== null) {
      if (this.verified.size >= MAX_ENTRIES) this.evictOldest(MAX_ENTRIES / 10);
      this.verified.set(token, { shopper, expiresAtMs });
    }
    return shopper;
  }

  private evictOldest(count: number): void {
    for (const token of this.verified.keys()) {
      if (count-- <= 0) return;
      this.verified.delete(token);
    }
  }
}

/** The `exp` of a token that was just verified, in ms; null when it has none (then it is not cached). */
function expiryOf(token: string): number | null {
  try {
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof claims.exp === 'number' ? claims.exp * 1000 : null;
  } catch {
    return null;
  }
}
