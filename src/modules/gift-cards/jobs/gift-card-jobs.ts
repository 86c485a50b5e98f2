import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobRunner } from '../../../platform/jobs/job-runner';
import { GiftCardExpiryService } from '../gift-card-expiry.service';
import { GiftCardGiftingService } from '../gift-card-gifting.service';

export const GIFT_CARD_EXPIRE_JOB = 'gift-cards.expire';
export const GIFT_RETURN_JOB = 'gift-cards.return-gifts';

/** Every JOB_INTERVAL_MS: expire cards past their validity, return gifts unclaimed past their deadline. */
@Injectable()
export class GiftCardJobs implements OnModuleInit {
  constructor(
    private readonly jobs: JobRunner,
    private readonly expiry: GiftCardExpiryService,
    private readonly gifting: GiftCardGiftingService,
  ) {}

  onModuleInit(): void {
    this.jobs.register(GIFT_CARD_EXPIRE_JOB, () => this.expiry.expireDue());
    this.jobs.register(GIFT_RETURN_JOB, () => this.gifting.returnUnclaimed());
  }
}
