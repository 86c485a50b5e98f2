import { Module } from '@nestjs/common';
import { CouponsModule } from '../coupons/coupons.module';
import { OrdersModule } from '../orders/orders.module';
import { GiftCardBook } from './gift-card-book';
import { GiftCardCodesRepository } from './gift-card-codes.repository';
import { GiftCardCodesService } from './gift-card-codes.service';
import { GiftCardExpiryService } from './gift-card-expiry.service';
import { GiftCardGiftingService } from './gift-card-gifting.service';
import { GiftCardGiftsRepository } from './gift-card-gifts.repository';
import { GiftCardHoldsRepository } from './gift-card-holds.repository';
import { GiftCardLiabilityService } from './gift-card-liability.service';
import { GiftCardProductsRepository } from './gift-card-products.repository';
import { GiftCardProductsService } from './gift-card-products.service';
import { GiftCardPurchasesService } from './gift-card-purchases.service';
import { GiftCardTakeBackService } from './gift-card-take-back.service';
import { GiftCardTenderService } from './gift-card-tender.service';
import { GiftCardWalletService } from './gift-card-wallet.service';
import { GiftCardsController } from './gift-cards.controller';
import { GiftCardsRepository } from './gift-cards.repository';
import { GiftCardJobs } from './jobs/gift-card-jobs';
import { MerchantGiftCardsController } from './merchant-gift-cards.controller';

/**
 * Gift cards (API.md "Gift cards"): products, purchase orders, cards and their append-only ledger, gifting by share
 * token, offline codes, paying orders with cards (the orders module's GiftCardTender port, registered at start-up),
 * expiry. Jobs: `gift-cards.expire`, `gift-cards.return-gifts`. Code attempts share the coupons' limiter.
 */
@Module({
  imports: [OrdersModule, CouponsModule],
  controllers: [MerchantGiftCardsController, GiftCardsController],
  providers: [
    GiftCardProductsRepository,
    GiftCardsRepository,
    GiftCardHoldsRepository,
    GiftCardGiftsRepository,
    GiftCardCodesRepository,
    GiftCardBook,
    GiftCardProductsService,
    GiftCardPurchasesService,
    GiftCardWalletService,
    GiftCardTakeBackService,
    GiftCardTenderService,
    GiftCardGiftingService,
    GiftCardCodesService,
    GiftCardExpiryService,
    GiftCardLiabilityService,
    GiftCardJobs,
  ],
})
export class GiftCardsModule {}
