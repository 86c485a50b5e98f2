import { Initial1795263822089 } from './1795263822089-Initial';
import { Outbox1795265334054 } from './1795265334054-Outbox';
import { SandboxGateway1795265371957 } from './1795265371957-SandboxGateway';
import { OrdersAndTransfers1795265594187 } from './1795265594187-OrdersAndTransfers';
import { Coupons1795266245217 } from './1795266245217-Coupons';
import { LuckyDrawsAndRebates1795268653609 } from './1795268653609-LuckyDrawsAndRebates';
import { GroupBuy1795270048520 } from './1795270048520-GroupBuy';
import { FlashSales1795271677738 } from './1795271677738-FlashSales';
import { FlashReservationFailure1795272000000 } from './1795272000000-FlashReservationFailure';
import { MerchantOperations1796491269742 } from './1796491269742-MerchantOperations';
import { CampaignOperations1796493898751 } from './1796493898751-CampaignOperations';
import { MerchantOrders1796494117951 } from './1796494117951-MerchantOrders';
import { GroupRoomRefundOwed1796495325312 } from './1796495325312-GroupRoomRefundOwed';
import { MerchantDashboard1796496198751 } from './1796496198751-MerchantDashboard';
import { LuckyDrawFulfilments1796496438855 } from './1796496438855-LuckyDrawFulfilments';
import { FlashSaleOperations1796497088793 } from './1796497088793-FlashSaleOperations';
import { FlashSaleEdits1796501126682 } from './1796501126682-FlashSaleEdits';
import { Webhooks1796501214524 } from './1796501214524-Webhooks';
import { WebhookDeliveryLeases1796505857701 } from './1796505857701-WebhookDeliveryLeases';
import { IdempotencyResponseText1796512099542 } from './1796512099542-IdempotencyResponseText';
import { RebateClawbacks1796512565196 } from './1796512565196-RebateClawbacks';
import { GiftCards1796522956757 } from './1796522956757-GiftCards';
import { GroupRoomLists1796523871605 } from './1796523871605-GroupRoomLists';
import { GiftCardTakeBacks1796531000000 } from './1796531000000-GiftCardTakeBacks';
import { HotClaimEpochs1796540000000 } from './1796540000000-HotClaimEpochs';

/** Every migration, in order. A new one is appended here; a landed one is never edited. */
export const ALL_MIGRATIONS: Function[] = [
  Initial1795263822089,
  Outbox1795265334054,
  SandboxGateway1795265371957,
  OrdersAndTransfers1795265594187,
  Coupons1795266245217,
  LuckyDrawsAndRebates1795268653609,
  GroupBuy1795270048520,
  FlashSales1795271677738,
  FlashReservationFailure1795272000000,
  MerchantOperations1796491269742,
  CampaignOperations1796493898751,
  MerchantOrders1796494117951,
  GroupRoomRefundOwed1796495325312,
  MerchantDashboard1796496198751,
  LuckyDrawFulfilments1796496438855,
  FlashSaleOperations1796497088793,
  FlashSaleEdits1796501126682,
  Webhooks1796501214524,
  WebhookDeliveryLeases1796505857701,
  IdempotencyResponseText1796512099542,
  RebateClawbacks1796512565196,
  GiftCards1796522956757,
  GroupRoomLists1796523871605,
  GiftCardTakeBacks1796531000000,
  HotClaimEpochs1796540000000,
];
