import { Injectable, OnModuleInit } from '@nestjs/common';
import { ShopperPostDoor } from '../../../platform/http/shopper-post-door';
import { DrawsService } from '../draws.service';
import { LuckyDrawsController } from '../lucky-draws.controller';

/**
 * `POST /v1/lucky-draws/:id/draws` in its common case answered before Fastify (ShopperPostDoor); the rest (an
 * Idempotency-Key, no verified shopper token, an unusual body) goes to LuckyDrawsController.draw.
 */
@Injectable()
export class DrawFrontDoor implements OnModuleInit {
  constructor(
    private readonly door: ShopperPostDoor,
    private readonly draws: DrawsService,
  ) {}

  onModuleInit(): void {
    this.door.register({
      path: /^\/v1\/lucky-draws\/([^/?]+)\/draws$/,
      template: '/v1/lucky-draws/:id/draws',
      controller: LuckyDrawsController.name,
      handler: 'draw' satisfies keyof LuckyDrawsController,
      answer: (shopper, id, budget) => this.draws.draw(id, shopper, budget),
    });
  }
}
