import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Clock } from '../../platform/clock/clock';
import { FieldProblem, notFound, validationFailed } from '../../platform/errors/domain-error';
import { isOpaqueId } from '../../platform/http/ids';
import { decodeCursor, Page, pageLimit, toPage } from '../../platform/http/pagination';
import { ProductsService } from '../products/products.service';
import { CouponTemplatesRepository } from './coupon-templates.repository';
import { draftValidity, TemplateDraft, templateProblems } from './domain/template-rules';
import { ClaimableTemplatesQuery } from './dto/coupon-queries.dto';
import { CreateTemplateDto } from './dto/create-template.dto';
import { ClaimableTemplateDto, PublicTemplateDto, TemplateDto } from './dto/template.dto';
import { CouponTemplate } from './entities/coupon-template.entity';

const date = (value: string | undefined): Date | undefined => (value === undefined ? undefined : new Date(value));

/** Merchants' coupon templates: creating them (refusing contradictions), reading them with figures, listing them. */
@Injectable()
export class CouponTemplatesService {
  constructor(
    private readonly templates: CouponTemplatesRepository,
    private readonly products: ProductsService,
    private readonly clock: Clock,
  ) {}

  async create(merchantId: string, input: CreateTemplateDto): Promise<TemplateDto> {
    const now = this.clock.now();
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
        days: input.validity.days,
      },
    };
    const productIds = input.productIds ?? null;
    const problems = [...templateProblems(draft, now), ...(await this.scopeProblems(merchantId, productIds))];
    if (problems.length > 0) throw validationFailed(problems, 'The coupon template contradicts itself');
    const validity = draftValidity(draft);
    const template: CouponTemplate = {
      id: randomUUID(),
      merchantId,
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
      issued: 0,
      used: 0,
      createdAt: now,
    };
    await this.templates.insert(template);
    return TemplateDto.withStats(template);
  }

  /** With `stats` read from the record's counters; another merchant's template is 404. */
  async getForMerchant(merchantId: string, id: string): Promise<TemplateDto> {
    return TemplateDto.withStats(await this.ownTemplate(merchantId, id));
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
