import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CampaignChanges } from '../../platform/campaigns/campaign-changes';
import { CampaignListQuery } from '../../platform/campaigns/campaign-list.query';
import { assertStartedPatch, definedFields } from '../../platform/campaigns/campaign-patch';
import { closesAt, hasStarted } from '../../platform/campaigns/campaign-status';
import { mergeTimeline } from '../../platform/campaigns/timeline';
import { TimelineBucket } from '../../platform/campaigns/timeline.query';
import { Clock } from '../../platform/clock/clock';
import { notFound, validationFailed } from '../../platform/errors/domain-error';
import { isOpaqueId } from '../../platform/http/ids';
import { Page, pageLimit, toPage } from '../../platform/http/pagination';
import { ProductsService } from '../products/products.service';
import { campaignPhase, campaignProblems, PAYMENT_WINDOW_SECONDS } from './domain/campaign-rules';
import { CampaignDto, CampaignTimelineDto, MerchantCampaignDto, PublicCampaignDto } from './dto/campaign.dto';
import { CreateCampaignDto, UpdateCampaignDto } from './dto/create-campaign.dto';
import { GroupBuyCampaign } from './entities/group-buy-campaign.entity';
import { GroupBuyCampaignsRepository } from './group-buy-campaigns.repository';
import { GroupRoomsRepository } from './group-rooms.repository';
import { WebhookEvents } from '../webhooks/webhook-events.service';

/** How many joinable rooms the public view lists. */
const OPEN_ROOMS_SHOWN = 20;
/** Campaigns kept in memory until CampaignChanges reports an edit or an end (on any instance). */
const CACHED_CAMPAIGNS = 1000;

type CampaignTerms = Omit<GroupBuyCampaign, 'id' | 'merchantId' | 'createdAt' | 'endedAt'>;

/**
 * Campaigns: created, edited and ended by merchants, read by them with their stats and timelines, and by
 * shoppers with the rooms they can join.
 */
@Injectable()
export class GroupBuyCampaignsService {
  private readonly cache = new Map<string, GroupBuyCampaign>();
  /** Moves on every change heard: a campaign read before a change is not cached after it. */
  private generation = 0;

  constructor(
    private readonly clock: Clock,
    private readonly products: ProductsService,
    private readonly campaigns: GroupBuyCampaignsRepository,
    private readonly rooms: GroupRoomsRepository,
    private readonly changes: CampaignChanges,
    private readonly webhooks: WebhookEvents,
  ) {
    changes.on('group-buys', (id) => {
      this.generation++;
      this.cache.delete(id);
    });
  }

  async create(merchantId: string, input: CreateCampaignDto): Promise<CampaignDto> {
    const campaign: GroupBuyCampaign = {
      id: randomUUID(),
      merchantId,
      ...(await this.checkedTerms(merchantId, input)),
      createdAt: this.clock.now(),
      endedAt: null,
    };
    await this.campaigns.insert(campaign);
    return CampaignDto.from(campaign, this.clock.now());
  }

  /**
   * Before the start any field (checked as at creation); after it only a later endsAt (409 CAMPAIGN_LOCKED
   * otherwise): rooms already opened keep the prices and windows they were opened with.
   */
  async update(merchantId: string, id: string, patch: UpdateCampaignDto): Promise<MerchantCampaignDto> {
    const changes = definedFields(patch);
    if (Object.keys(changes).length === 0) {
      throw validationFailed([{ field: 'body', problems: ['give at least one field to change'] }]);
    }
    if (!isOpaqueId(id)) throw notFound('Group-buy');
    await this.changes.change('group-buys', id, async () => {
      const current = await this.campaigns.lockForMerchant(id, merchantId);
      if (!current) throw notFound('Group-buy');
      const body = creationBody(current);
      if (hasStarted(current, this.clock.now())) assertStartedPatch(changes, body, { end: 'endsAt' });
      const terms = await this.checkedTerms(merchantId, { ...body, ...changes } as CreateCampaignDto);
      await this.campaigns.update(id, terms);
    });
    return this.getForMerchant(merchantId, id);
  }

  /** No room opens or is joined from now on, on every instance; open rooms run to their deadline. Idempotent. */
  async end(merchantId: string, id: string): Promise<MerchantCampaignDto> {
    await this.getForMerchant(merchantId, id);
    await this.changes.change('group-buys', id, async () => {
      const now = this.clock.now();
      if (await this.campaigns.end(id, merchantId, now))
        await this.webhooks.campaignEnded(merchantId, 'group-buys', id, now);
    });
    return this.getForMerchant(merchantId, id);
  }

  /** Newest first, each with its stats: one query for the page and three for all their stats. */
  async listForMerchant(merchantId: string, query: CampaignListQuery): Promise<Page<MerchantCampaignDto>> {
    const now = this.clock.now();
    const rows = await this.campaigns.listForMerchant(merchantId, query, now);
    const stats = await this.campaigns.statsOf(rows.slice(0, pageLimit(query)).map((row) => row.id));
    return toPage(rows, pageLimit(query), (row) => ({ ...CampaignDto.from(row, now), stats: stats.get(row.id)! }));
  }

  async timeline(merchantId: string, id: string, bucket: TimelineBucket): Promise<CampaignTimelineDto> {
    const campaign = await this.own(merchantId, id);
    const [rooms, revenue] = await Promise.all([
      this.campaigns.roomTimeline(campaign.id, bucket),
      this.campaigns.revenueTimeline(campaign.id, bucket),
    ]);
    const counters = ['roomsOpened', 'roomsCompleted', 'roomsFailed', 'revenueFen', 'discountFen'] as const;
    return { buckets: mergeTimeline(counters, rooms, revenue) };
  }

  async getForMerchant(merchantId: string, id: string): Promise<MerchantCampaignDto> {
    const campaign = await this.own(merchantId, id);
    return { ...CampaignDto.from(campaign, this.clock.now()), stats: await this.campaigns.stats(campaign.id) };
  }

  async getPublic(id: string): Promise<PublicCampaignDto> {
    const campaign = await this.find(id);
    const now = this.clock.now();
    const phase = campaignPhase({ startsAt: campaign.startsAt, endsAt: closesAt(campaign) }, now);
    const open = phase === 'active' ? await this.rooms.joinable(campaign.id, now, OPEN_ROOMS_SHOWN) : [];
    return {
      ...CampaignDto.from(campaign, now),
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

  /** A campaign by id (any merchant's), from memory when seen before and not changed since. */
  async find(id: string): Promise<GroupBuyCampaign> {
    const cached = this.cache.get(id);
    if (cached) return cached;
    const generation = this.generation;
    const campaign = isOpaqueId(id) ? await this.campaigns.find(id) : null;
    if (!campaign) throw notFound('Group-buy');
    if (generation !== this.generation) return campaign;
    if (this.cache.size >= CACHED_CAMPAIGNS) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(id, campaign);
    return campaign;
  }

  private async own(merchantId: string, id: string): Promise<GroupBuyCampaign> {
    const campaign = isOpaqueId(id) ? await this.campaigns.find(id, merchantId) : null;
    if (!campaign) throw notFound('Group-buy');
    return campaign;
  }

  /** The campaign's terms from a creation body, or 400 (creation and edits alike). */
  private async checkedTerms(merchantId: string, input: CreateCampaignDto): Promise<CampaignTerms> {
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
    return {
      productId: product.id,
      productName: product.name,
      ...terms,
      groupSize: input.groupSize,
      completionWindowSeconds: input.completionWindowSeconds,
      paymentWindowSeconds: input.paymentWindowSeconds ?? PAYMENT_WINDOW_SECONDS.default,
      virtualCompletion: input.virtualCompletion ?? false,
    };
  }
}

/** The campaign in the terms of its creation body: what a PATCH is merged into and compared with. */
function creationBody(campaign: GroupBuyCampaign): Record<string, unknown> {
  return {
    productId: campaign.productId,
    groupPriceFen: campaign.groupPriceFen,
    leaderPriceFen: campaign.leaderPriceFen,
    groupSize: campaign.groupSize,
    completionWindowSeconds: campaign.completionWindowSeconds,
    paymentWindowSeconds: campaign.paymentWindowSeconds,
    virtualCompletion: campaign.virtualCompletion,
    startsAt: campaign.startsAt.toISOString(),
    endsAt: campaign.endsAt.toISOString(),
  };
}
