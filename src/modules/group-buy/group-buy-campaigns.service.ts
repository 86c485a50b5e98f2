import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Clock } from '../../platform/clock/clock';
import { notFound, validationFailed } from '../../platform/errors/domain-error';
import { isOpaqueId } from '../../platform/http/ids';
import { ProductsService } from '../products/products.service';
import { campaignPhase, campaignProblems, PAYMENT_WINDOW_SECONDS } from './domain/campaign-rules';
import { CampaignDto, MerchantCampaignDto, PublicCampaignDto } from './dto/campaign.dto';
import { CreateCampaignDto } from './dto/create-campaign.dto';
import { GroupBuyCampaign } from './entities/group-buy-campaign.entity';
import { GroupBuyCampaignsRepository } from './group-buy-campaigns.repository';
import { GroupRoomsRepository } from './group-rooms.repository';

/** How many joinable rooms the public view lists. */
const OPEN_ROOMS_SHOWN = 20;
/** Campaigns kept in memory: their terms never change, so any instance may keep them. */
const CACHED_CAMPAIGNS = 1000;

/** Campaigns: created by merchants, read by them with their stats, and by shoppers with the rooms they can join. */
@Injectable()
export class GroupBuyCampaignsService {
  private readonly cache = new Map<string, GroupBuyCampaign>();

  constructor(
    private readonly clock: Clock,
    private readonly products: ProductsService,
    private readonly campaigns: GroupBuyCampaignsRepository,
    private readonly rooms: GroupRoomsRepository,
  ) {}

  async create(merchantId: string, input: CreateCampaignDto): Promise<CampaignDto> {
    // Another merchant's product is 404, like one that does not exist.
    const product = await this.products.getForMerchant(merchantId, input.productId);
    const terms = {
      groupPriceFen: input.groupPriceFen,
      leaderPriceFen: input.leaderPriceFen ?? null,
      startsAt: new Date(input.startsAt),
      endsAt: new Date(input.endsAt),
    };
    const problems = campaignProblems(terms, product.priceFen);
    if (problems.length) throw validationFailed(problems);
    const campaign: GroupBuyCampaign = {
      id: randomUUID(),
      merchantId,
      productId: product.id,
      productName: product.name,
      ...terms,
      groupSize: input.groupSize,
      completionWindowSeconds: input.completionWindowSeconds,
      paymentWindowSeconds: input.paymentWindowSeconds ?? PAYMENT_WINDOW_SECONDS.default,
      virtualCompletion: input.virtualCompletion ?? false,
      createdAt: this.clock.now(),
    };
    await this.campaigns.insert(campaign);
    return CampaignDto.from(campaign);
  }

  async getForMerchant(merchantId: string, id: string): Promise<MerchantCampaignDto> {
    const campaign = isOpaqueId(id) ? await this.campaigns.find(id, merchantId) : null;
    if (!campaign) throw notFound('Group-buy');
    return { ...CampaignDto.from(campaign), stats: await this.campaigns.stats(campaign.id) };
  }

  async getPublic(id: string): Promise<PublicCampaignDto> {
    const campaign = await this.find(id);
    const now = this.clock.now();
    const phase = campaignPhase(campaign, now);
    const open = phase === 'active' ? await this.rooms.joinable(campaign.id, now, OPEN_ROOMS_SHOWN) : [];
    return {
      ...CampaignDto.from(campaign),
      phase,
      openRooms: open.map((room) => ({
        id: room.id,
        groupSize: room.groupSize,
        seatsTaken: room.seatsTaken,
        seatsPaid: room.seatsPaid,
        seatsLeft: room.groupSize - room.seatsTaken,
        expiresAt: room.expiresAt.toISOString(),
        leaderDisplay: room.leaderDisplay,
      })),
    };
  }

  /** A campaign by id (any merchant's), from memory when seen before: its terms never change. */
  async find(id: string): Promise<GroupBuyCampaign> {
    const cached = this.cache.get(id);
    if (cached) return cached;
    const campaign = isOpaqueId(id) ? await this.campaigns.find(id) : null;
    if (!campaign) throw notFound('Group-buy');
    if (this.cache.size >= CACHED_CAMPAIGNS) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(id, campaign);
    return campaign;
  }
}
