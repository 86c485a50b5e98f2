import { Injectable } from '@nestjs/common';
import { Clock } from '../../platform/clock/clock';
import { notFound } from '../../platform/errors/domain-error';
import { isOpaqueId } from '../../platform/http/ids';
import { decodeCursor, Page, pageLimit, toPage } from '../../platform/http/pagination';
import { FulfilmentDto, FulfilmentListQuery, UpdateFulfilmentDto } from './dto/fulfilment.dto';
import { FulfilmentRow, FulfilmentsRepository } from './fulfilments.repository';
import { fulfilmentAlreadyShipped } from './lucky-draw.errors';
import { LuckyDrawsService } from './lucky-draws.service';

/** The merchant ships the items its draws gave away (docs/merchants.md "Item prizes to ship"). */
@Injectable()
export class FulfilmentsService {
  constructor(
    private readonly clock: Clock,
    private readonly campaigns: LuckyDrawsService,
    private readonly repository: FulfilmentsRepository,
  ) {}

  async list(merchantId: string, campaignId: string, query: FulfilmentListQuery): Promise<Page<FulfilmentDto>> {
    await this.own(merchantId, campaignId);
    const limit = pageLimit(query);
    const rows = await this.repository.list(campaignId, query.status, decodeCursor(query.cursor), limit + 1);
    return toPage(rows, limit, view);
  }

  /**
   * `shipped` moves a pending prize once; asked again it answers the shipped prize unchanged (its first note kept).
   * `pending` answers a pending prize as it is and refuses a shipped one: a parcel that left is not called back.
   */
  async update(merchantId: string, campaignId: string, drawId: string, body: UpdateFulfilmentDto) {
    await this.own(merchantId, campaignId);
    if (!isOpaqueId(drawId)) throw notFound('Item prize');
    if (body.status === 'shipped') await this.repository.ship(campaignId, drawId, body.note ?? null, this.clock.now());
    const row = await this.repository.get(campaignId, drawId);
    if (!row) throw notFound('Item prize');
    if (row.status !== body.status) throw fulfilmentAlreadyShipped();
    return view(row);
  }

  private async own(merchantId: string, campaignId: string): Promise<void> {
    const { campaign } = await this.campaigns.find(campaignId);
    if (campaign.merchantId !== merchantId) throw notFound('Lucky draw');
  }
}

function view(row: FulfilmentRow): FulfilmentDto {
  return {
    drawId: row.id,
    shopperId: row.shopperId,
    prize: { id: row.prizeId, name: row.prizeName },
    status: row.status,
    note: row.note,
    wonAt: row.createdAt.toISOString(),
    shippedAt: row.shippedAt?.toISOString() ?? null,
  };
}
