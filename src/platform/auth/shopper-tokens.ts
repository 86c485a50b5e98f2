import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Clock } from '../clock/clock';
import { RUNTIME, Runtime } from '../runtime/runtime';
import { ShopperCaller } from './caller';

interface ShopperClaims {
  sub: string;
  openid: string;
  typ: 'shopper';
  iat: number;
  exp: number;
}

const JWT_SHAPE = /^[\w-]+\.[\w-]+\.[\w-]*$/;

/** Verified tokens kept in memory at most; past that the oldest tenth is dropped. */
const MAX_VERIFIED = 200_000;

/**
 * Shopper session tokens: HS256 JWTs signed with JWT_SECRET, valid for JWT_TTL_SECONDS (2 h by default).
 * A token verified once is trusted until its `exp` (keyed by the whole token, so a forged one never matches):
 * verifying the signature on every request costs more than most handlers.
 */
@Injectable()
export class ShopperTokens {
  private readonly ttlSeconds: number;
  private readonly verified = new Map<string, { shopper: ShopperCaller; expiresAtSeconds: number }>();

  constructor(
    private readonly jwt: JwtService,
    private readonly clock: Clock,
    @Inject(RUNTIME) runtime: Runtime,
  ) {
    this.ttlSeconds = runtime.config.jwtTtlSeconds;
  }

  issue(shopper: ShopperCaller): { token: string; expiresAt: Date } {
    const iat = Math.floor(this.clock.now().getTime() / 1000);
    const claims: ShopperClaims = {
      sub: shopper.userId,
      openid: shopper.openid,
      typ: 'shopper',
      iat,
      exp: iat + this.ttlSeconds,
    };
    return { token: this.jwt.sign(claims), expiresAt: new Date(claims.exp * 1000) };
  }

  /** The shopper a token names, or null when it is forged, expired, without `exp` or not a shopper token. */
  verify(token: string): ShopperCaller | null {
    const nowSeconds = Math.floor(this.clock.now().getTime() / 1000);
    const known = this.verified.get(token);
    if (known) {
      if (nowSeconds < known.expiresAtSeconds) return known.shopper;
      this.verified.delete(token);
    }
    // Merchant keys and the admin token come here first on every call (CredentialKinds): no JWT, no exception.
    if (!JWT_SHAPE.test(token)) return null;
    let claims: ShopperClaims;
    try {
      claims = this.jwt.verify<ShopperClaims>(token, { algorithms: ['HS256'], clockTimestamp: nowSeconds });
    } catch {
      return null;
    }
    if (claims.typ !== 'shopper' || typeof claims.sub !== 'string' || typeof claims.openid !== 'string') return null;
    // jsonwebtoken checks exp only when present: a token without one would never expire.
    if (typeof claims.exp !== 'number') return null;
    const shopper = { userId: claims.sub, openid: claims.openid };
    if (this.verified.size >= MAX_VERIFIED) this.forgetOldest(MAX_VERIFIED / 10);
    this.verified.set(token, { shopper, expiresAtSeconds: claims.exp });
    return shopper;
  }

  private forgetOldest(count: number): void {
    for (const token of this.verified.keys()) {
      if (count-- <= 0) return;
      this.verified.delete(token);
    }
  }
}
