import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ShopperTokens } from '../../platform/auth/shopper-tokens';
import { Clock } from '../../platform/clock/clock';
import { Db } from '../../platform/database/db';
import { LoginResultDto } from './dto/login.dto';
import { WechatAuthGateway } from './wechat-auth/wechat-auth.gateway';

@Injectable()
export class ShoppersService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly wechat: WechatAuthGateway,
    private readonly tokens: ShopperTokens,
  ) {}

  /** code2Session, then the shopper for that openid (created on first login), then a session token. */
  async login(code: string): Promise<LoginResultDto> {
    const { openid } = await this.wechat.code2Session(code);
    const now = this.clock.now();
    const [row] = await this.db.query<{ id: string }>(
      `INSERT INTO shoppers (id, openid, created_at, last_login_at) VALUES ($1, $2, $3, $3)
       ON CONFLICT (openid) DO UPDATE SET last_login_at = EXCLUDED.last_login_at
       RETURNING id`,
      [randomUUID(), openid, now],
    );
    const { token, expiresAt } = this.tokens.issue({ userId: row.id, openid });
    return { token, expiresAt: expiresAt.toISOString(), user: { id: row.id, openid } };
  }
}
