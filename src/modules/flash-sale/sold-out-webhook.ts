import { Injectable } from '@nestjs/common';
import { WebhookEvents } from '../webhooks/webhook-events.service';
import type { SaleView } from './gate/flash-stock-gate';

/**
 * `flash_sale.sold_out` for the merchant's webhooks, recorded in the transaction that persists the last unit
 * (the Postgres gate's UPDATE reaching 0, or the Redis consumer writing a batch after which none is left). Once
 * per sale: stock given back and sold again does not sell it out a second time.
 */
@Injectable()
export class SoldOutWebhook {
  constructor(private readonly webhooks: WebhookEvents) {}

  record(sale: SaleView, at: Date): Promise<void> {
    return this.webhooks.record(
      sale.merchantId,
      'flash_sale.sold_out',
      { saleId: sale.id, productId: sale.productId, soldOutAt: at.toISOString() },
      { onceKey: `flash_sale.sold_out:${sale.id}` },
    );
  }
}
