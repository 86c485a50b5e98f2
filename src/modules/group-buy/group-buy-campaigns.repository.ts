import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { Db } from '../../platform/database/db';
import { CampaignStatsDto } from './dto/campaign.dto';
import { GroupBuyCampaign } from './entities/group-buy-campaign.entity';

/** Queries on campaigns and the counts their stats are made of; no rules. */
@Injectable()
export class GroupBuyCampaignsRepository {
  constructor(private readonly db: Db) {}

  async insert(campaign: GroupBuyCampaign): Promise<void> {
    await this.db.repo(GroupBuyCampaign).insert({ ...campaign });
  }

  find(id: string, merchantId?: string): Promise<GroupBuyCampaign | null> {
    return this.db.repo(GroupBuyCampaign).findOneBy(merchantId ? { id, merchantId } : { id });
  }

  findMany(ids: string[]): Promise<GroupBuyCampaign[]> {
    return ids.length ? this.db.repo(GroupBuyCampaign).findBy({ id: In(ids) }) : Promise.resolve([]);
  }

  /** Exact counts, read from the rooms, members and share opens themselves. */
  async stats(campaignId: string): Promise<CampaignStatsDto> {
    const [row] = await this.db.query<Record<keyof CampaignStatsDto, string>>(
      `SELECT count(*) AS rooms,
              count(*) FILTER (WHERE status = 'pending') AS pending,
              count(*) FILTER (WHERE status = 'open') AS open,
              count(*) FILTER (WHERE status = 'completed') AS completed,
              count(*) FILTER (WHERE status = 'failed') AS failed,
              count(*) FILTER (WHERE status = 'cancelled') AS cancelled,
              (SELECT count(*) FROM group_room_share_opens WHERE campaign_id = $1) AS shares,
              (SELECT count(*) FROM group_room_members WHERE campaign_id = $1 AND via_share) AS "joinsFromShares"
       FROM group_rooms WHERE campaign_id = $1`,
      [campaignId],
    );
    return {
      rooms: Number(row.rooms),
      pending: Number(row.pending),
      open: Number(row.open),
      completed: Number(row.completed),
      failed: Number(row.failed),
      cancelled: Number(row.cancelled),
      shares: Number(row.shares),
      joinsFromShares: Number(row.joinsFromShares),
    };
  }
}
