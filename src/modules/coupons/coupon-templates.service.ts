import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CampaignChanges } from '../../platform/campaigns/campaign-changes';
import { CampaignListQuery } from '../../platform/campaigns/campaign-list.query';
import { assertStartedPatch, definedFields } from '../../platform/campaigns/campaign-patch';
import { hasStarted } from '../../platform/campaigns/campaign-status';
import { stockBelowTaken } from '../../platform/campaigns/campaign.errors';
import { mergeTimeline } from '../../platform/campaigns/timeline';
import { TimelineBucket } from '../../platform/campaigns/timeline.query';
import { Clock } from '../../platform/clock/clock';
import { FieldProblem, notFound, validationFailed } from '../../platform/errors/domain-error';
import { isOpaqueId } from '../../platform/http/ids';
import { decodeCursor, Page, pageLimit, toPage } from '../../platform/http/pagination';
import { ProductsService } from '../products/products.service';
import { CouponTemplatesRepository } from './coupon-templates.repository';
import { CouponTimelinesRepository } from './coupon-timelines.repository';
import { draftValidity, TemplateDraft, templateProblems } from './domain/template-rules';
import { ClaimableTemplatesQuery } from './dto/coupon-queries.dto';
import { CreateTemplateDto, UpdateTemplateDto } from './dto/create-template.dto';
import {
  ClaimableTemplateDto,
  claimWindow,
  PublicTemplateDto,
  TemplateDto,
  TemplateTimelineDto,
} from './dto/template.dto';
import { CouponTemplate } from './entities/coupon-template.entity';
import { WebhookEvents } from '../webhooks/webhook-events.service';

const date = (value: string | undefined): Date | undefined => (value === undefined ? undefined : new Date(value));

type TemplateTerms = Omit<
  CouponTemplate,
  'id' | 'merchantId' | 'issued' | 'used' | 'createdAt' | 'endedAt' | 'redisEpoch'
>;

/**
 * Merchants' coupon templates: creating and editing them (refusing contradictions), ending claims early, reading
 * them with figures and timelines, listing them.
 */
@Injectable()
export class CouponTemplatesService {
  constructor(
    private readonly templates: CouponTemplatesRepository,
    private readonly timelines: CouponTimelinesRepository,
    private readonly products: ProductsService,
    private readonly changes: CampaignChanges,
    private readonly clock: Clock,
    private readonly webhooks: WebhookEvents,
  ) {}

  async create(merchantId: string, input: CreateTemplateDto): Promise<TemplateDto> {
    const now = this.clock.now();
    const template: CouponTemplate = {
      id: randomUUID(),
      merchantId,
      ...(await this.checkedTerms(merchantId, input, now)),
      issued: 0,
      used: 0,
      createdAt: now,
      endedAt: null,
      redisEpoch: 0,
    };
    await this.templates.insert(template);
    return TemplateDto.withStats(template, now);
  }

  /**
   * Before claims open, any field (the result checked as at creation); after, only the name, a later claimEndsAt
   * and a larger totalQuantity (409 CAMPAIGN_LOCKED otherwise). The row is locked while it changes, so a quantity
   * is compared with `issued` as no claim can move it, and the record's guarded UPDATE reads the new limit at once.
   */
  async update(merchantId: string, id: string, patch: UpdateTemplateDto): Promise<TemplateDto> {
    const changes = definedFields(patch);
    if (Object.keys(changes).length === 0) {
      throw validationFailed([{ field: 'body', problems: ['give at least one field to change'] }]);
    }
    if (!isOpaqueId(id)) throw notFound('Coupon template');
    const updated = await this.changes.change('coupon-templates', id, async () => {
      const current = await this.templates.lockForMerchant(id, merchantId);
      if (!current) throw notFound('Coupon template');
      const now = this.clock.now();
      const body = creationBody(current);
      // Below what was issued is its own refusal, whether or not claims have opened.
      if (changes.totalQuantity !== undefined && changes.totalQuantity < current.issued) {
        throw stockBelowTaken('totalQuantity', current.issued);
      }
      if (hasStarted(claimWindow(current), now)) {
        assertStartedPatch(changes, body, { end: 'claimEndsAt', stock: ['totalQuantity'] });
      }
      // A window that has passed may keep its end: only a new claimEndsAt must lie ahead.
      const terms = await this.checkedTerms(merchantId, { ...body, ...changes } as CreateTemplateDto, now, {
        pastEndAllowed: changes.claimEndsAt === undefined,
      });
      await this.templates.update(id, terms);
      return { ...current, ...terms };
    });
    return TemplateDto.withStats(updated, this.clock.now());
  }

  /** Ends claims now, on every instance; coupons already issued stay valid. Ending again changes nothing. */
  async end(merchantId: string, id: string): Promise<TemplateDto> {
    await this.ownTemplate(merchantId, id);
    await this.changes.change('coupon-templates', id, async () => {
      const now = this.clock.now();
      if (await this.templates.end(id, merchantId, now))
        await this.webhooks.campaignEnded(merchantId, 'coupon-templates', id, now);
    });
    return this.getForMerchant(merchantId, id);
  }

  async listForMerchant(merchantId: string, query: CampaignListQuery): Promise<Page<TemplateDto>> {
    const now = this.clock.now();
    const rows = await this.templates.listForMerchant(merchantId, query, now);
    return toPage(rows, pageLimit(query), (template) => TemplateDto.withStats(template, now));
  }

  /** Claims by issue time; uses, revenue and discount by the time the using order was paid. */
  async timeline(merchantId: string, id: string, bucket: TimelineBucket): Promise<TemplateTimelineDto> {
    const template = await this.ownTemplate(merchantId, id);
    const [claims, uses] = await Promise.all([
      this.timelines.claims(template.id, bucket),
      this.timelines.usesOfTemplate(template.id, bucket),
    ]);
    return { buckets: mergeTimeline(['claims', 'used', 'revenueFen', 'discountFen'] as const, claims, uses) };
  }

  /** With `stats` read from the record's counters; another merchant's template is 404. */
  async getForMerchant(merchantId: string, id: string): Promise<TemplateDto> {
    return TemplateDto.withStats(await this.ownTemplate(merchantId, id), this.clock.now());
  }

  async ownTemplate(merchantId: string, id: string): Promise<CouponTemplate> {
    const template = isOpaqueId(id) ? await this.templates.findForMerchant(id, merchantId) : null;
    if (!template) throw notFound('Coupon template');
    return template;
  }

  async listClaimable(query: ClaimableTemplatesQuery): Promise<Page<ClaimableTemplateDto>> {
    const limit = pageLimit(query);
    const rows = await this.templates.listClaimable(
      this.clock.now(),
      query.merchantId,
      decodeCursor(query.cursor),
      limit,
    );
    return toPage(rows, limit, (template) => ({
      ...PublicTemplateDto.from(template),
      remaining: template.totalQuantity - template.issued,
    }));
  }

  /** The template's terms from a creation body, or 400 naming every contradiction (creation and edits alike). */
  private async checkedTerms(
    merchantId: string,
    input: CreateTemplateDto,
    now: Date,
    options: { pastEndAllowed?: boolean } = {},
  ): Promise<TemplateTerms> {
    const draft: TemplateDraft = {
      type: input.type,
      valueFen: input.valueFen,
      percentOff: input.percentOff,
      maxDiscountFen: input.maxDiscountFen,
      totalQuantity: input.totalQuantity,
      perUserLimit: input.perUserLimit ?? 1,
      claimStartsAt: new Date(input.claimStartsAt),
      claimEndsAt: new Date(input.claimEndsAt),
      validity: {
        type: input.validity.type,
        startsAt: date(input.validity.startsAt),
        endsAt: date(input.validity.endsAt),
        days: input.validity.days ?? undefined,
      },
    };
    const productIds = input.productIds ?? null;
    const problems = [
      ...templateProblems(draft, options.pastEndAllowed ? draft.claimStartsAt : now),
      ...(await this.scopeProblems(merchantId, productIds)),
    ];
    if (problems.length > 0) throw validationFailed(problems, 'The coupon template contradicts itself');
    const validity = draftValidity(draft);
    return {
      name: input.name,
      type: input.type,
      valueFen: input.type === 'amount_off' ? input.valueFen! : null,
      percentOff: input.type === 'percent_off' ? input.percentOff! : null,
      maxDiscountFen: input.type === 'percent_off' ? (input.maxDiscountFen ?? null) : null,
      minSpendFen: input.minSpendFen ?? 0,
      distribution: input.distribution,
      totalQuantity: draft.totalQuantity,
      perUserLimit: draft.perUserLimit,
      claimStartsAt: draft.claimStartsAt,
      claimEndsAt: draft.claimEndsAt,
      validityType: validity.type,
      validStartsAt: validity.type === 'absolute' ? validity.startsAt : null,
      validEndsAt: validity.type === 'absolute' ? validity.endsAt : null,
      validDays: validity.type === 'relative' ? validity.days : null,
      productIds,
    };
  }

  /** A scope names this merchant's products only; unknown ones and other merchants' are refused alike (400). */
  private async scopeProblems(merchantId: string, productIds: string[] | null): Promise<FieldProblem[]> {
    if (productIds === null) return [];
    const own = new Set(
      (await this.products.findMany(productIds))
        .filter((product) => product.merchantId === merchantId)
        .map((product) => product.id),
    );
    const foreign = productIds.filter((id) => !own.has(id));
    return foreign.length === 0
      ? []
      : [{ field: 'productIds', problems: [`not products of this merchant: ${foreign.join(', ')}`] }];
  }
}

/** The template in the terms of its creation body: what a PATCH is merged into and compared with. */
function creationBody(template: CouponTemplate): Record<string, unknown> {
  const view = PublicTemplateDto.from(template);
  return {
    name: view.name,
    type: view.type,
    valueFen: view.valueFen,
    percentOff: view.percentOff,
    maxDiscountFen: view.maxDiscountFen,
    minSpendFen: view.minSpendFen,
    distribution: view.distribution,
    totalQuantity: view.totalQuantity,
    perUserLimit: view.perUserLimit,
    claimStartsAt: view.claimStartsAt,
    claimEndsAt: view.claimEndsAt,
    validity: view.validity,
    productIds: view.productIds,
  };
}
