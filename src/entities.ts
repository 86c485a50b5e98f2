import { COUPON_ENTITIES } from './modules/coupons/entities';
import { FLASH_SALE_ENTITIES } from './modules/flash-sale/entities';
import { GROUP_BUY_ENTITIES } from './modules/group-buy/entities';
import { LUCKY_DRAW_ENTITIES } from './modules/lucky-draw/entities';
import { REBATE_ENTITIES } from './modules/rebates/entities';
import { WEBHOOK_ENTITIES } from './modules/webhooks/entities';
import { GIFT_CARD_ENTITIES } from './modules/gift-cards/entities';
import { OrderItem } from './modules/orders/order-item.entity';
import { OrderRefund } from './modules/orders/order-refund.entity';
import { Order } from './modules/orders/order.entity';
import { Transfer } from './payments/transfers/transfer.entity';
import { Merchant } from './modules/merchants/merchant.entity';
import { Product } from './modules/products/product.entity';
import { SANDBOX_ENTITIES } from './payments/sandbox/entities';
import { Shopper } from './modules/shoppers/shopper.entity';
import { IdempotencyRecord } from './platform/idempotency/idempotency-record.entity';
import { OutboxMessage } from './platform/outbox/outbox-message.entity';
import { CampaignChange } from './platform/campaigns/campaign-change.entity';

/** Every table the service maps. The migration check compares these with the migrated schema. */
export const ALL_ENTITIES = [
  IdempotencyRecord,
  OutboxMessage,
  CampaignChange,
  Merchant,
  Product,
  Shopper,
  ...SANDBOX_ENTITIES,
  Order,
  OrderItem,
  OrderRefund,
  Transfer,
  ...COUPON_ENTITIES,
  ...FLASH_SALE_ENTITIES,
  ...GROUP_BUY_ENTITIES,
  ...LUCKY_DRAW_ENTITIES,
  ...REBATE_ENTITIES,
  ...WEBHOOK_ENTITIES,
  ...GIFT_CARD_ENTITIES,
];
