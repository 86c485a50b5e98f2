import { Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module';
import { ProductsModule } from '../products/products.module';
import { GroupBuyCounts } from './group-buy-counts.service';
import { GroupBuyCampaignsRepository } from './group-buy-campaigns.repository';
import { GroupBuyCampaignsService } from './group-buy-campaigns.service';
import { GroupBuysController } from './group-buys.controller';
import { GroupRoomEntryService } from './group-room-entry.service';
import { GroupRoomMembersRepository } from './group-room-members.repository';
import { GroupRoomViewsService } from './group-room-views.service';
import { GroupRoomsController } from './group-rooms.controller';
import { GroupRoomsRepository } from './group-rooms.repository';
import { RoomExpiryJob } from './jobs/room-expiry.job';
import { MerchantGroupBuysController } from './merchant-group-buys.controller';
import { MerchantGroupRoomsController } from './merchant-group-rooms.controller';
import { RoomCloser } from './room-closer';
import { RoomExpiryService } from './room-expiry.service';
import { RoomPaymentsService } from './room-payments.service';
import { RoomTransitions } from './room-transitions';

/**
 * Group-buy rooms (API.md "Group-buy"): campaigns, rooms that fill through sharing, seats held while their
 * orders await payment, completion on the last paid seat, expiry with refunds. Payment events arrive through
 * the outbox (order.paid, order.cancelled, order.refunded); the expiry job is `group-buy.expire`.
 */
@Module({
  imports: [ProductsModule, OrdersModule],
  controllers: [MerchantGroupBuysController, MerchantGroupRoomsController, GroupBuysController, GroupRoomsController],
  providers: [
    GroupBuyCounts,
    GroupBuyCampaignsRepository,
    GroupRoomsRepository,
    GroupRoomMembersRepository,
    RoomTransitions,
    RoomCloser,
    RoomPaymentsService,
    RoomExpiryService,
    RoomExpiryJob,
    GroupBuyCampaignsService,
    GroupRoomViewsService,
    GroupRoomEntryService,
  ],
  exports: [GroupBuyCounts],
})
export class GroupBuyModule {}
