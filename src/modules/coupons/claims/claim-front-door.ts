import { Injectable, OnModuleInit } from '@nestjs/common';
import { ShopperPostDoor } from '../../../platform/http/shopper-post-door';
import { CouponClaimsService } from '../coupon-claims.service';
import { CouponTemplatesController } from '../coupon-templates.controller';

/**
 * `POST /v1/coupon-templates/:id/claim` in its common case answered before Fastify (ShopperPostDoor); the rest (an
 * Idempotency-Key, no verified shopper token, an unusual body) goes to CouponTemplatesController.claim.
 */
@Injectable()
export class ClaimFrontDoor implements OnModuleInit {
  constructor(
    private readonly door: ShopperPostDoor,
    private readonly claims: CouponClaimsService,
  ) {}

  onModuleInit(): void {
    this.door.register({
      path: /^\/v1\/coupon-templates\/([^/?]+)\/claim$/,
      template: '/v1/coupon-templates/:id/claim',
      controller: CouponTemplatesController.name,
      handler: 'claim' satisfies keyof CouponTemplatesController,
      answer: (shopper, id, budget) => this.claims.claim(shopper.userId, id, budget),
    });
  }
}
