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

/** Shopper session tokens: HS256 JWTs signed with JWT_SECRET, valid for JWT_TTL_SECONDS (2 h by default). */
@Injectable()
export class ShopperTokens {
  private readonly ttlSeconds: number;

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

  /** The shopper a token names, or null when it is forged, expired or not a shopper token. */
  verify(token: string): ShopperCaller | null {
    try {
      const claims = this.jwt.verify<ShopperClaims>(token, {
        algorithms: ['HS256'],
        clockTimestamp: Math.floor(this.clock.now().getTime() / 1000),
      });
      if (claims.typ !== 'shopper' || typeof claims.sub !== 'string' || typeof claims.openid !== 'string') return null;
      return { userId: claims.sub, openid: claims.openid };
    } catch {
      return null;
    }
  }
}
