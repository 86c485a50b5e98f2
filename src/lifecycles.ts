/**
 * Every lifecycle in the service, imported for their declarations: `lifecycles.spec.ts` checks each table, and the
 * schema test checks each names a real table and column.
 */
import './modules/coupons/domain/coupon-code-status';
import './modules/coupons/domain/coupon-status';
import './modules/gift-cards/domain/card-ledger';
import './modules/gift-cards/domain/gift-status';
import './modules/gift-cards/domain/hold-status';
import './modules/group-buy/domain/member-status';
import './modules/flash-sale/domain/reservation-lifecycle';
import './modules/group-buy/domain/room-status';
import './modules/lucky-draw/domain/draw-issue-lifecycle';
import './modules/lucky-draw/domain/fulfilment-lifecycle';
import './modules/orders/domain/order-status';
import './modules/orders/domain/refund-lifecycle';
import './modules/rebates/domain/rebate-lifecycle';
import './payments/sandbox/domain/delivery-lifecycle';
import './payments/transfers/domain/transfer-lifecycle';
import './modules/webhooks/domain/delivery-lifecycle';
import './platform/outbox/outbox-lifecycle';

export { declaredLifecycles } from './platform/lifecycle/lifecycle';
